// The quickstart recipe over a grid of learning rates and batch sizes: bin/mnist-run examples/sweep.groovy [--workers 2]
experiment 'sweep'

dataset mnist {
    limit 20000
    validation 2000
}

model {
    conv2d 16, kernel: 5, padding: 2
    relu()
    maxPool 2
    conv2d 32, kernel: 5, padding: 2
    relu()
    maxPool 2
    flatten()
    linear 128
    relu()
    linear 10
}

train {
    epochs 2
    batchSize 64
    optimizer adam(lr: 1e-3)
    seed 1
}

sweep {
    grid 'train.lr': [1e-3, 3e-3], 'train.batchSize': [64, 100]     // every combination: 4 trials
    // or draws: random 20, 'train.lr': logUniform(1e-4, 1e-2), 'train.batchSize': choice(64, 100, 128)
}
