// The quickstart recipe trained five times (seeds 1 to 5): one training is one draw, five show the spread.
experiment 'repeats'

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
    repeats 5
}
