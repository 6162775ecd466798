// A multi-layer perceptron: no convolutions, hidden layers built in a loop.
experiment 'mnist-mlp'

dataset mnist {
    normalize mean: 0.1307, std: 0.3081
}

def hidden = [512, 256]

model {
    flatten()
    for (units in hidden) {
        linear units
        relu()
        dropout 0.2
    }
    linear 10
}

train {
    epochs 10
    batchSize 128
    optimizer sgd(lr: 0.05, momentum: 0.9, nesterov: true)
    schedule cosine(minLr: 1e-4)
    seed 3
}

plots {
    curves 'curves.png'
    confusion 'confusion.png'
}
