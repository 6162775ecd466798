// Any IDX data set (KMNIST, EMNIST, your own): here the Fashion-MNIST files Debian's dataset-fashion-mnist ships, with class names of our own.
experiment 'kmnist-style-idx'

dataset idx {
    trainImages '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz'
    trainLabels '/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz'
    testImages  '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz'
    testLabels  '/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz'
    classes 'T恤', '裤子', '套衫', '连衣裙', '外套', '凉鞋', '衬衫', '运动鞋', '包', '短靴'
    validation 5000     // the last 5,000 training images, validated after every epoch
}

model {
    conv2d 32, kernel: 3, padding: 1
    relu()
    maxPool 2
    conv2d 64, kernel: 3, padding: 1
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
    optimizer adam(lr: 1e-3)
    patience 2          // stop after 2 epochs without a better validation accuracy; keep the best epoch
    seed 1
}

plots {
    samples 'train-samples.png', count: 64, columns: 8, title: '训练集部分数据'
    curves 'curves.png'
    predictions 'test-predictions.png', count: 25, columns: 5
    confusion 'confusion.png'
}
