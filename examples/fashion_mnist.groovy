// Fashion-MNIST (Zalando's clothing images, same format as MNIST) with batch norm.
experiment 'fashion-mnist'

dataset fashionMnist {
    root 'data'
}

model {
    conv2d 32, kernel: 3, padding: 1
    batchNorm()
    relu()
    maxPool 2
    conv2d 64, kernel: 3, padding: 1
    batchNorm()
    relu()
    maxPool 2
    flatten()
    linear 256
    relu()
    dropout 0.3
    linear 10
}

train {
    epochs 10
    batchSize 100
    optimizer adamW(lr: 1e-3, weightDecay: 1e-4)
    schedule step(every: 4, gamma: 0.5)
    seed 5
}

plots {
    samples 'train-samples.png', count: 100, columns: 10
    curves 'curves.png'
    predictions 'test-predictions.png', count: 25, columns: 5
    confusion 'confusion.png'
    misclassified 'misclassified.png', count: 25, columns: 5
}
