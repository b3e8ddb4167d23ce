#!/usr/bin/python3
"""oracle.py: the two reference solutions tests/match/oracle_test.c compares
match_solve with. Reads instances, one JSON object per line
({"newcomers": N, "capacity": [...], "pairs": [[newcomer, guide, score], ...]}),
and prints one line per instance: {"scipy": [matched, total],
"networkx": [matched, total]}.

- scipy: linear_sum_assignment (maximize) on the capacity-expanded matrix
  (one column per place of a guide); an allowed pair is worth BIG + score,
  any other cell 0, where BIG exceeds any difference of totals, so the
  most pairs come first and the greatest total second.
- networkx: max_flow_min_cost on source -> newcomer (1) -> guide (cost
  -score) -> sink (capacity): the maximum flow of least cost.
"""
import json
import sys

import networkx as nx
import numpy as np
from scipy.optimize import linear_sum_assignment


def by_scipy(n, cap, pairs):
    slots = [g for g, c in enumerate(cap) for _ in range(c)]
    if n == 0 or not slots or not pairs:
        return 0, 0
    spread = max(abs(s) for _, _, s in pairs)
    big = 2 * (n + 1) * (spread + 1)
    assert big * (n + 1) < 2 ** 52, "instance too large for exact float64"
    score = {(i, g): s for i, g, s in pairs}
    m = np.zeros((n, len(slots)))
    for (i, g), s in score.items():
        for k, sg in enumerate(slots):
            if sg == g:
                m[i, k] = big + s
    rows, cols = linear_sum_assignment(m, maximize=True)
    matched = total = 0
    for i, k in zip(rows, cols):
        s = score.get((int(i), slots[k]))
        if s is not None:
            matched += 1
            total += s
    return matched, total


def by_networkx(n, cap, pairs):
    g = nx.DiGraph()
    g.add_node("s")
    g.add_node("t")
    for i in range(n):
        g.add_edge("s", ("n", i), capacity=1, weight=0)
    for j, c in enumerate(cap):
        g.add_edge(("g", j), "t", capacity=c, weight=0)
    for i, j, s in pairs:
        g.add_edge(("n", i), ("g", j), capacity=1, weight=-s)
    flow = nx.max_flow_min_cost(g, "s", "t")
    matched = total = 0
    for i, j, s in pairs:
        if flow[("n", i)][("g", j)] == 1:
            matched += 1
            total += s
    return matched, total


for line in sys.stdin:
    inst = json.loads(line)
    n, cap, pairs = inst["newcomers"], inst["capacity"], inst["pairs"]
    print(json.dumps({"scipy": by_scipy(n, cap, pairs), "networkx": by_networkx(n, cap, pairs)}),
          flush=True)
