"""Self time per operator in a Chrome trace of N training steps, to compare the two sides op by op.

    python3 bench/profile_ops.py TRACE.json STEPS [ROWS]

TRACE.json comes from libtorch's profiler: for mnist-lab `bin/mnist-bench --profile TRACE.json`
(steps 101-120), for PyTorch `bench/pytorch_peer.py --profile 20 --trace TRACE.json`. Prints each
operator's self time per step (its time less that of the operators it called), largest first.
"""
import json
import sys
from collections import defaultdict


def self_times(events):
    totals = defaultdict(float)
    by_thread = defaultdict(list)
    for e in events:
        if e.get('ph') == 'X' and 'dur' in e:
            by_thread[e.get('tid')].append(e)
    for thread in by_thread.values():
        thread.sort(key=lambda e: (float(e['ts']), -float(e['dur'])))
        stack = []  # [end, event, children's time]
        for e in thread:
            start, dur = float(e['ts']), float(e['dur'])
            while stack and stack[-1][0] <= start:
                close(stack, totals)
            stack.append([start + dur, e, 0.0])
        while stack:
            close(stack, totals)
    return totals


def close(stack, totals):
    end, e, children = stack.pop()
    totals[e['name']] += float(e['dur']) - children
    if stack:
        stack[-1][2] += float(e['dur'])


def main(path, steps, rows=30):
    with open(path) as f:
        trace = json.load(f)
    events = trace['traceEvents'] if isinstance(trace, dict) else trace
    totals = self_times(events)
    # the profiler's own step markers and Python frames are not operators
    ops = {k: v for k, v in totals.items() if not k.startswith(('ProfilerStep', 'PyTorch Profiler'))}
    whole = sum(ops.values())
    print(f'{"operator":60s} {"ms/step":>8s} {"share":>6s}')
    for name, us in sorted(ops.items(), key=lambda kv: -kv[1])[:rows]:
        print(f'{name[:60]:60s} {us / 1000 / steps:8.2f} {100 * us / whole:5.1f}%')
    print(f'{"all operators":60s} {whole / 1000 / steps:8.2f}')


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), *(int(a) for a in sys.argv[3:4]))
