// The classic PyTorch MNIST script's network and hyper-parameters (99.21 % with seed 42; a draw: docs/performance.md).
experiment 'mnist-cnn'

dataset mnist {
    root 'data'
    download true
}

model {
    conv2d 32, kernel: 5, padding: 2
    relu()
    maxPool 2
    conv2d 64, kernel: 5, padding: 2
    relu()
    maxPool 2
    flatten()
    linear 1024
    relu()
    linear 10
}

train {
    epochs 10
    batchSize 100
    optimizer adam(lr: 5e-4)
    loss softmaxCrossEntropy()
    device auto
    seed 42
    recordEvery 100
}

plots {
    samples 'train-samples.png', count: 100, columns: 10, title: '训练集部分数据'
    curves 'curves.png', title: '损失函数曲线 / 精确度曲线'
    predictions 'test-predictions.png', count: 25, columns: 5, title: '25张测试结果'
    confusion 'confusion.png'
}
