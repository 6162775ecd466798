"""The PyTorch side of mnist-lab's interop (docs/interop.md): the seed script's MNIST_Network,
trained and saved as the seed saves it, and the seed's test loop over any state_dict, .pth or
safetensors, or over an ONNX model in ONNX Runtime.

    python python/seed_pytorch.py train --data DIR --out modelpara.pth [--images 3000] [--seed 1]
    python python/seed_pytorch.py test --data DIR --params modelpara.pth [--probabilities FILE --count 1000]
    python python/seed_pytorch.py onnx --data DIR --model model.onnx [--probabilities FILE --count 1000]

`test` loads with torch.load(f, weights_only=True) and net.load_state_dict (strict), as a seed user
would. Each prints `accuracy: A` (percent, 4 decimals) and `images: N`; with --probabilities and
--logits the first --count test images' softmax and logits are written as raw little-endian float32.
"""
import argparse
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class MNIST_Network(nn.Module):
    """The seed script's network, with its names: conv1, pool1, conv2, pool2, fc1, fc2."""

    def __init__(self):
        super(MNIST_Network, self).__init__()
        self.conv1 = nn.Conv2d(in_channels=1, out_channels=32, kernel_size=5, stride=1, padding=2)
        self.pool1 = nn.MaxPool2d(kernel_size=2, stride=2)
        self.conv2 = nn.Conv2d(in_channels=32, out_channels=64, kernel_size=5, stride=1, padding=2)
        self.pool2 = nn.MaxPool2d(kernel_size=2, stride=2)
        self.fc1 = nn.Linear(in_features=7 * 7 * 64, out_features=1024)
        self.fc2 = nn.Linear(in_features=1024, out_features=10)

    def forward(self, x):
        x = self.pool1(F.relu(self.conv1(x)))
        x = self.pool2(F.relu(self.conv2(x)))
        x = x.view(-1, 7 * 7 * 64)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


def idx(path, header):
    return np.fromfile(path, dtype=np.uint8)[header:]


def images(data, name):
    """ToTensor's pixels: uint8 / 255 as float32, [N, 1, 28, 28]."""
    return torch.from_numpy(idx(f'{data}/{name}', 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)


def labels(data, name):
    return torch.from_numpy(idx(f'{data}/{name}', 8).astype(np.int64))


def train(args):
    torch.manual_seed(args.seed)
    x, y = images(args.data, 'train-images-idx3-ubyte')[:args.images], labels(args.data, 'train-labels-idx1-ubyte')[:args.images]
    net = MNIST_Network()
    optimizer = torch.optim.Adam(net.parameters(), lr=5e-4)
    for start in range(0, len(x), 100):
        optimizer.zero_grad()
        loss = nn.CrossEntropyLoss()(net(x[start:start + 100]), y[start:start + 100])
        loss.backward()
        optimizer.step()
    torch.save(net.state_dict(), args.out)
    print(f'saved: {args.out}')


def report(logits, args):
    y = labels(args.data, 't10k-labels-idx1-ubyte')
    correct = (logits.argmax(1) == y).sum().item()
    print(f'accuracy: {100 * correct / len(y):.4f}')
    print(f'images: {len(y)}')
    if args.probabilities:
        torch.softmax(logits, 1)[:args.count].numpy().astype('<f4').tofile(args.probabilities)
    if args.logits:
        logits[:args.count].numpy().astype('<f4').tofile(args.logits)


def test(args):
    net = MNIST_Network()
    if args.params.endswith('.safetensors'):
        from safetensors.torch import load_file
        state = load_file(args.params)
    else:
        state = torch.load(args.params, weights_only=True)
    net.load_state_dict(state)
    net.eval()
    with torch.no_grad():
        report(net(images(args.data, 't10k-images-idx3-ubyte')), args)


def onnx(args):
    import onnx as onnx_lib
    import onnxruntime
    onnx_lib.checker.check_model(onnx_lib.load(args.model), full_check=True)
    session = onnxruntime.InferenceSession(args.model, providers=['CPUExecutionProvider'])
    x = images(args.data, 't10k-images-idx3-ubyte').numpy()
    logits = np.concatenate([session.run(['logits'], {'pixels': x[i:i + 1000]})[0] for i in range(0, len(x), 1000)])
    report(torch.from_numpy(logits), args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    sub = parser.add_subparsers(dest='command', required=True)
    for name in ('train', 'test', 'onnx'):
        p = sub.add_parser(name)
        p.add_argument('--data', required=True)
        p.add_argument('--probabilities')
        p.add_argument('--logits')
        p.add_argument('--count', type=int, default=1000)
    sub.choices['train'].add_argument('--out', required=True)
    sub.choices['train'].add_argument('--images', type=int, default=3000)
    sub.choices['train'].add_argument('--seed', type=int, default=1)
    sub.choices['test'].add_argument('--params', required=True)
    sub.choices['onnx'].add_argument('--model', required=True)
    args = parser.parse_args()
    torch.set_num_threads(2)
    {'train': train, 'test': test, 'onnx': onnx}[args.command](args)


if __name__ == '__main__':
    sys.exit(main())
