"""The seed script's network and hyper-parameters in PyTorch itself, to compare test accuracy
against the engine's seed by seed (see docs/performance.md, "Accuracy against PyTorch").

    python3 docs/reference/pytorch_seed.py DATA_DIR EPOCHS SEED [SEED ...]

DATA_DIR holds the four uncompressed MNIST IDX files (bin/mnist-data puts them in data/mnist).
Prints one line per seed and epoch: seed, epoch, test accuracy.
"""
import sys

import numpy as np
import torch
import torch.nn as nn


def idx(path, header):
    return np.fromfile(path, dtype=np.uint8)[header:]


def main(data, epochs, seeds):
    torch.set_num_threads(2)
    x_train = torch.tensor(idx(f'{data}/train-images-idx3-ubyte', 16).reshape(-1, 1, 28, 28)).float() / 255
    y_train = torch.tensor(idx(f'{data}/train-labels-idx1-ubyte', 8)).long()
    x_test = torch.tensor(idx(f'{data}/t10k-images-idx3-ubyte', 16).reshape(-1, 1, 28, 28)).float() / 255
    y_test = torch.tensor(idx(f'{data}/t10k-labels-idx1-ubyte', 8)).long()
    for seed in seeds:
        torch.manual_seed(seed)
        net = nn.Sequential(nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Flatten(), nn.Linear(64 * 7 * 7, 1024), nn.ReLU(), nn.Linear(1024, 10))
        optimizer = torch.optim.Adam(net.parameters(), lr=5e-4)
        loss_function = nn.CrossEntropyLoss()
        for epoch in range(1, epochs + 1):
            net.train()
            order = torch.randperm(len(y_train))
            for start in range(0, len(order), 100):
                batch = order[start:start + 100]
                optimizer.zero_grad()
                loss_function(net(x_train[batch]), y_train[batch]).backward()
                optimizer.step()
            net.eval()
            with torch.no_grad():
                correct = sum((net(x_test[i:i + 1000]).argmax(1) == y_test[i:i + 1000]).sum().item()
                              for i in range(0, len(y_test), 1000))
            print(f'seed {seed} epoch {epoch}: {100 * correct / len(y_test):.2f} %', flush=True)


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3:]])
