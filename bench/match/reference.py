#!/usr/bin/python3
"""reference.py: the same instance solved the way one would with SciPy:
linear_sum_assignment (maximize) on the capacity-expanded matrix, one
column per place of a guide. An allowed pair is worth BIG + score and any
other cell 0, BIG exceeding any difference of totals, so the most
newcomers are matched first and the greatest total second (the exact
float64 range is checked).

Reads the instance bench.c writes (int32 newcomers, guides, npairs; int32
capacity per guide; int32 newcomer, guide, score per pair) and prints one
JSON line: matched, total, the seconds of linear_sum_assignment alone
(median of --runs; building the matrix excluded) and of building it.

  reference.py INSTANCE.bin [--runs N]
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main():
    path = sys.argv[1]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--runs" else 1
    raw = np.fromfile(path, dtype=np.int32)
    n, g, npairs = (int(x) for x in raw[:3])
    cap = raw[3:3 + g]
    pairs = raw[3 + g:3 + g + 3 * npairs].reshape(npairs, 3)
    t0 = time.perf_counter()
    # column -> guide, and each guide's first column
    first = np.concatenate(([0], np.cumsum(cap)))
    slots = int(first[-1])
    spread = int(np.abs(pairs[:, 2]).max()) if npairs else 0
    big = 2 * (n + 1) * (spread + 1)
    assert big * (n + 1) < 2 ** 52, "instance too large for exact float64"
    m = np.zeros((n, slots))
    for k in range(int(cap.max()) if g else 0):
        sel = cap[pairs[:, 1]] > k
        p = pairs[sel]
        m[p[:, 0], first[p[:, 1]] + k] = big + p[:, 2]
    build = time.perf_counter() - t0
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        rows, cols = linear_sum_assignment(m, maximize=True)
        times.append(time.perf_counter() - t0)
    v = m[rows, cols]
    used = v > 0
    print(json.dumps({"matched": int(used.sum()), "total": int((v[used] - big).sum()),
                      "seconds": sorted(times)[len(times) // 2], "build": build}))


main()
