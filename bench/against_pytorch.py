"""`bin/mnist-bench --against pytorch [--rounds N] [--batches N] [--peers LIST]`: mnist-lab's
bin/mnist-bench and the PyTorch peer (bench/pytorch_peer.py) on the same cores, alternately, N
rounds; then each figure's median and range, and the ratios of mnist-lab to each peer, taken round
by round so that a drift of the machine's speed cancels.

Standard library only: it runs on the system's python3 and finds or creates the peer's virtual
environment itself (MNISTLAB_PEER_VENV, default ~/.cache/mnist-lab/pytorch-2.13).
"""
import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

HOME = Path(__file__).resolve().parent.parent
TORCH = 'torch==2.13.0+cpu'
PEERS = {
    'eager-nchw': ['--layout', 'nchw'],
    'eager-channels-last': ['--layout', 'channels_last'],
    'compile-channels-last': ['--layout', 'channels_last', '--compile'],
}
# figure, whether more is better
FIGURES = [('train_img_per_s', True), ('infer_10k_seconds', False), ('peak_rss_mb', False)]


def fail(message):
    print(f'mnist-bench: {message}', file=sys.stderr)
    sys.exit(1)


def peer_python():
    """The python of a virtual environment with PyTorch 2.13, created the first time."""
    venv = Path(os.environ.get('MNISTLAB_PEER_VENV', Path.home() / '.cache/mnist-lab/pytorch-2.13'))
    python = venv / 'bin/python'
    how = (f'python3 -m venv {venv} && {venv}/bin/pip install --retries 0 --timeout 2 {TORCH} numpy')
    if not has_torch(python):
        print(f'mnist-bench: installing PyTorch 2.13 for the CPU into {venv} (once)', file=sys.stderr)
        made = subprocess.run([sys.executable, '-m', 'venv', str(venv)], capture_output=True).returncode == 0
        made = made and subprocess.run([str(python), '-m', 'pip', 'install', '-q', '--retries', '0',
                                        '--timeout', '2', TORCH, 'numpy'], capture_output=True).returncode == 0
        if not made or not has_torch(python):
            fail(f'PyTorch 2.13 is not installed and could not be installed; get it with: {how}')
    return python


def has_torch(python):
    if not python.exists():
        return False
    probe = subprocess.run([str(python), '-c', 'import torch; print(torch.__version__)'],
                           capture_output=True, text=True)
    return probe.returncode == 0 and probe.stdout.startswith('2.13')


def figures(command, what):
    run = subprocess.run(command, capture_output=True, text=True, cwd=HOME)
    if run.returncode != 0:
        tail = (run.stderr.strip().splitlines() or ['no output'])[-1]
        fail(f'{what} failed (exit {run.returncode}): {tail}')
    values = {}
    for line in run.stdout.splitlines():
        key, sep, value = line.partition(': ')
        if sep:
            values[key] = value
    return values


def spread(values):
    digits = 1 if statistics.median(values) >= 100 else 3
    return f'{statistics.median(values):,.{digits}f} ({min(values):,.{digits}f}-{max(values):,.{digits}f})'


def main(argv):
    parser = argparse.ArgumentParser(prog='mnist-bench --against pytorch')
    parser.add_argument('--against', choices=['pytorch'], required=True)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--batches', type=int, default=200)
    parser.add_argument('--root', default='data')
    parser.add_argument('--peers', default=','.join(PEERS),
                        help=f'comma-separated, of {", ".join(PEERS)} (default: all)')
    args = parser.parse_args(argv)
    peers = [p for p in args.peers.split(',') if p]
    unknown = [p for p in peers if p not in PEERS]
    if unknown or args.rounds < 1 or args.batches < 21:
        parser.error(f'peers are {", ".join(PEERS)}, rounds ≥ 1, batches ≥ 21 (20 are warm-up)')
    python = peer_python()
    data = Path(args.root) / 'mnist'
    lab = [str(HOME / 'bin/mnist-bench'), '--batches', str(args.batches), '--root', args.root]
    results = {name: [] for name in ['mnist-lab'] + peers}
    for r in range(1, args.rounds + 1):
        print(f'round {r} of {args.rounds}: mnist-lab', file=sys.stderr, flush=True)
        results['mnist-lab'].append(figures(lab, 'bin/mnist-bench'))
        for name in peers:
            print(f'round {r} of {args.rounds}: pytorch {name}', file=sys.stderr, flush=True)
            command = [str(python), str(HOME / 'bench/pytorch_peer.py'), '--data', str(data),
                       '--batches', str(args.batches)] + PEERS[name]
            results[name].append(figures(command, f'the PyTorch peer ({name})'))
    report(results, peers, args)


def report(results, peers, args):
    lab = results['mnist-lab']
    print(f'rounds: {args.rounds}, batches of 100: {args.batches}, cores: {os.cpu_count()}, '
          f'peer: {results[peers[0]][0].get("peer", "?").split(" ")[1]}')
    print(f'mnist-lab engine: {lab[0].get("engine")}')
    for figure, more_is_better in FIGURES:
        print(f'{figure}:')
        for name, runs in results.items():
            print(f'  {name}: {spread([float(run[figure]) for run in runs])}')
        for name in peers:
            # > 1 means mnist-lab is better: faster training, shorter inference, less memory
            ratios = [float(a[figure]) / float(b[figure]) if more_is_better else float(b[figure]) / float(a[figure])
                      for a, b in zip(lab, results[name])]
            print(f'  mnist-lab vs {name}: {spread(ratios)}x')
        eager = [p for p in peers if p.startswith('eager')]
        if len(eager) > 1:
            pick = max if more_is_better else min
            best = [pick(float(results[p][i][figure]) for p in eager) for i in range(len(lab))]
            ratios = [float(a[figure]) / b if more_is_better else b / float(a[figure]) for a, b in zip(lab, best)]
            print(f'  mnist-lab vs better eager layout: {spread(ratios)}x')
    compiled = [p for p in peers if p.startswith('compile')]
    for name in compiled:
        seconds = [float(run['compile_seconds']) for run in results[name]]
        print(f'{name} compile_seconds (left out of its rate; less with a warm inductor cache): {spread(seconds)}')


if __name__ == '__main__':
    main(sys.argv[1:])
