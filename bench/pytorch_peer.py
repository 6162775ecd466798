"""The seed network in PyTorch, timed as bin/mnist-bench times mnist-lab: the peer of
`bin/mnist-bench --against pytorch` (bench/against_pytorch.py runs both).

    python bench/pytorch_peer.py --data data/mnist [--layout nchw|channels_last] [--compile]
                                 [--batches 200] [--warmup 20] [--threads 2] [--profile N]

Same files, network, initialisation rule, batch 100, Adam 5e-4, shuffled batches gathered from
tensors held in memory, pixels / 255. Prints `name: value` lines as bin/mnist-bench does:
train_img_per_s (the time between consecutive batches after the first `warmup`), infer_10k_seconds
(the 10,000 test images in batches of 250 after one warm-up batch, argmax and softmax included, as
mnist-lab's evaluation does), peak_rss_mb; with --compile also compile_seconds (the warm-up
batches, where torch.compile traces and builds its kernels, left out of the rate). --profile N
prints torch.profiler's table of N more training steps to stderr (--trace FILE: its Chrome trace).
"""
import argparse
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn

BATCH = 100
EVAL_BATCH = 250


def idx(path, header):
    return np.fromfile(path, dtype=np.uint8)[header:]


def load(data):
    def images(name):
        return torch.from_numpy(idx(f'{data}/{name}', 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)

    def labels(name):
        return torch.from_numpy(idx(f'{data}/{name}', 8).astype(np.int64))

    return (images('train-images-idx3-ubyte'), labels('train-labels-idx1-ubyte'),
            images('t10k-images-idx3-ubyte'), labels('t10k-labels-idx1-ubyte'))


def seed_network():
    return nn.Sequential(nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1024), nn.ReLU(), nn.Linear(1024, 10))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--data', default='data/mnist')
    parser.add_argument('--layout', choices=['nchw', 'channels_last'], default='nchw')
    parser.add_argument('--compile', action='store_true', help='torch.compile (inductor) the network')
    parser.add_argument('--batches', type=int, default=200)
    parser.add_argument('--warmup', type=int, default=20)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--seed', type=int, default=42)
    parser.add_argument('--profile', type=int, default=0, metavar='STEPS')
    parser.add_argument('--trace', help="with --profile, where to write the profiler's Chrome trace")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    memory_format = torch.channels_last if args.layout == 'channels_last' else torch.contiguous_format
    x_train, y_train, x_test, y_test = load(args.data)
    x_train = x_train.contiguous(memory_format=memory_format)
    x_test = x_test.contiguous(memory_format=memory_format)
    net = seed_network().to(memory_format=memory_format)
    optimizer = torch.optim.Adam(net.parameters(), lr=5e-4)
    loss_function = nn.CrossEntropyLoss()
    forward = torch.compile(net) if args.compile else net

    def step(batch, loss_sum, correct_sum):
        x = x_train[batch]
        y = y_train[batch]
        optimizer.zero_grad()
        logits = forward(x)
        loss = loss_function(logits, y)
        loss.backward()
        optimizer.step()
        # summed where they are, read once at the end: mnist-lab reads them every 50 batches
        loss_sum += loss.detach()
        correct_sum += (logits.argmax(1) == y).sum()

    batches = args.batches if args.batches > 0 else len(y_train) // BATCH
    order = torch.randperm(len(y_train))
    loss_sum = torch.zeros(())
    correct_sum = torch.zeros((), dtype=torch.int64)
    net.train()
    started = time.perf_counter()
    last = started
    timed = 0.0
    warm_end = None
    for b in range(batches):
        step(order[b * BATCH:(b + 1) * BATCH], loss_sum, correct_sum)
        now = time.perf_counter()
        if b >= args.warmup:
            timed += now - last
        elif b == args.warmup - 1:
            warm_end = now
        last = now
    timed_batches = batches - args.warmup
    if args.profile:
        profile(step, order, loss_sum, correct_sum, args.profile, args.trace)

    net.eval()
    with torch.no_grad():
        forward(x_test[:EVAL_BATCH])  # kernels prepared (and compiled) before the clock starts
        start = time.perf_counter()
        predicted, confidence = [], []
        for i in range(0, len(y_test), EVAL_BATCH):
            logits = forward(x_test[i:i + EVAL_BATCH])
            predicted.append(logits.argmax(1))
            confidence.append(logits.softmax(1).max(1).values)
        predictions = torch.cat(predicted).numpy()
        torch.cat(confidence).numpy()
        infer = time.perf_counter() - start
    accuracy = float((predictions == y_test.numpy()).mean())

    print(f'peer: pytorch {torch.__version__} {"compile" if args.compile else "eager"} {args.layout}')
    print(f'threads: {torch.get_num_threads()}')
    print(f'train_images: {batches * BATCH}')
    print(f'train_img_per_s: {timed_batches * BATCH / timed:.1f}')
    if args.compile:
        print(f'compile_seconds: {warm_end - started:.1f}')
    print(f'infer_10k_seconds: {infer * 10_000 / len(y_test):.3f}')
    print(f'test_accuracy: {accuracy:.4f}')
    print(f'mean_train_loss: {loss_sum.item() / batches:.4f}')
    print(f'peak_rss_mb: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}')


def profile(step, order, loss_sum, correct_sum, steps, trace):
    """torch.profiler's per-operator table over `steps` more training steps, to stderr; and its
    Chrome trace (bench/profile_ops.py summarises it as it does mnist-lab's)."""
    from torch.profiler import ProfilerActivity, profile as torch_profile
    with torch_profile(activities=[ProfilerActivity.CPU]) as prof:
        for b in range(steps):
            step(order[b * BATCH:(b + 1) * BATCH], loss_sum, correct_sum)
    print(prof.key_averages().table(sort_by='self_cpu_time_total', row_limit=25), file=sys.stderr)
    if trace:
        prof.export_chrome_trace(trace)


if __name__ == '__main__':
    main()
