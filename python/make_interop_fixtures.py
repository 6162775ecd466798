"""Writes the small files the JVM-side interop tests read (src/test/resources/mnistlab/interop/),
so that those tests need no Python. Made with PyTorch 2.13 and safetensors:

    python python/make_interop_fixtures.py src/test/resources/mnistlab/interop

- tiny.pth, tiny.safetensors: the state_dict of TinyNetwork (conv 5x5 4, BatchNorm, ReLU, max-pool,
  linear 10: 7,970 parameters and BatchNorm's running statistics, moved off their defaults by a
  few training steps), as torch.save and safetensors write them;
- tiny-inputs.bin, tiny-probabilities.bin: 8 images of 784 uniform pixels and TinyNetwork's
  softmax on them in eval mode, little-endian float32;
- whole-module.pth: torch.save(net) of the network itself (a common mistake; its pickle names
  the class); legacy.pth: the pre-1.6 format; int-weights.pth: a state_dict whose fc.weight is int32;
- os-system.pth, builtins-eval.pth: zip files laid out as torch.save's whose data.pkl reduces
  os.system or builtins.eval (loading them with pickle would run them).
"""
import os
import pickle
import sys
import zipfile

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file


class TinyNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=5, padding=2)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4 * 14 * 14, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)
        return self.fc(x.flatten(1))


class Reduce:
    """An object whose pickle calls `function(*args)` when loaded."""

    def __init__(self, function, *args):
        self.function, self.args = function, args

    def __reduce__(self):
        return self.function, self.args


def hostile(path, payload):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('archive/data.pkl', pickle.dumps(payload, protocol=2))
        z.writestr('archive/byteorder', 'little')
        z.writestr('archive/version', '3\n')


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(7)
    net = TinyNetwork()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-2)
    for _ in range(5):
        optimizer.zero_grad()
        net(torch.rand(16, 1, 28, 28)).square().mean().backward()
        optimizer.step()
    net.eval()
    torch.save(net.state_dict(), f'{out}/tiny.pth')
    save_file(net.state_dict(), f'{out}/tiny.safetensors')
    inputs = torch.rand(8, 1, 28, 28)
    with torch.no_grad():
        probabilities = torch.softmax(net(inputs), 1)
    inputs.numpy().astype('<f4').tofile(f'{out}/tiny-inputs.bin')
    probabilities.numpy().astype('<f4').tofile(f'{out}/tiny-probabilities.bin')

    torch.save(net, f'{out}/whole-module.pth')
    torch.save(net.state_dict(), f'{out}/legacy.pth', _use_new_zipfile_serialization=False)
    ints = net.state_dict()
    ints['fc.weight'] = ints['fc.weight'].to(torch.int32)
    torch.save(ints, f'{out}/int-weights.pth')
    hostile(f'{out}/os-system.pth', Reduce(os.system, 'touch /tmp/mnist-lab-pickle-ran'))
    hostile(f'{out}/builtins-eval.pth', Reduce(eval, "__import__('os').system('touch /tmp/mnist-lab-pickle-ran')"))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/mnistlab/interop')
