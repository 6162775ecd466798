// The best recipe here: two VGG-style blocks with batch norm, dropout, AdamW with warm-up and a
// cosine schedule, trained on distorted images with the best epoch kept by validation.
// Seeds 2024-2034 (about 15 minutes a seed on 2 cores): 99.59-99.73 %, mean 99.66 %; an ensemble of
// all eleven 99.73 %, and 99.73 % too with six runs of mnist_best_strided.groovy. Six more with
// --set dataset.deskew=true (99.48-99.67 %) make different mistakes: all 23 runs 99.74 %. Ten
// with --set dataset.normalizeWidth=10..20 (99.45-99.61 %): all 33 runs 99.74 % still, and with
// shifted views at test time (--ensemble ... --tta 1) too; docs/performance.md.
experiment 'mnist-best'

dataset mnist {
    normalize mean: 0.1307, std: 0.3081
    validation 5000          // the best epoch is chosen on these, never on the test set
}

// Mild distortions: with elastic ones (alpha 34, sigma 4), shear 5 and 15 epochs this network
// underfitted (98.1 % on its training images, 99.18 % test; docs/performance.md).
augment {
    rotate 8
    shift 2
    scale 0.95, 1.05
}

def convBlock(ModelDsl m, int filters) {
    2.times {
        m.conv2d filters, kernel: 3, padding: 1
        m.batchNorm()
        m.relu()
    }
    m.maxPool 2
    m.dropout 0.25
}

model {
    convBlock(delegate, 32)
    convBlock(delegate, 64)
    flatten()
    linear 256
    batchNorm()
    relu()
    dropout 0.4
    linear 10
}

train {
    epochs 15
    batchSize 128
    optimizer adamW(lr: 2e-3, weightDecay: 1e-4)
    schedule cosine(minLr: 1e-5)
    warmup 200
    seed 2024
    keepBest 'validation'
}

plots {
    augmented 'augmented.png', count: 64, columns: 8
    curves 'curves.png'
    confusion 'confusion.png'
    misclassified 'misclassified.png', count: 36, columns: 6
}
