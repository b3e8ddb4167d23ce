#!/usr/bin/python3
"""ari.py: the groups of `samskab opinion DIR --json` beside those of
reference.py on the same directory: k of each and the adjusted Rand index
between them (participants either grouped count; ungrouped is a label of
its own), and against the planted groups of a synthetic conversation
(DIR/truth.bin, from gen.c) or Pol.is's own (DIR/participants-votes.csv,
group-id).

  ari.py DIR OURS.json REF.json   prints one line: k ours/ref, ARIs
"""
import csv
import json
import os
import sys

import numpy as np
from sklearn.metrics import adjusted_rand_score as ari


def main():
    d, ours_f, ref_f = sys.argv[1:4]
    with open(ours_f) as f:
        ours = json.load(f)
    with open(ref_f) as f:
        ref = json.load(f)
    og = {p["id"]: (-1 if p["group"] is None else p["group"]) for p in ours["participants"]}
    ids = ref["ids"]
    a = np.array([og.get(i, -1) for i in ids])
    b = np.array(ref["group"])
    both = (a >= 0) | (b >= 0)
    notes = [f"k {ours['k']}/{ref['k']}", f"ARI ours/ref {ari(a[both], b[both]):.3f}"]
    truth = os.path.join(d, "truth.bin")
    if os.path.exists(truth):
        t = np.fromfile(truth, dtype=np.int8)
        notes.append(f"ours/planted {ari(t, np.array([og.get(i, -1) for i in range(len(t))])):.3f}")
        rg = np.full(len(t), -1)
        rg[np.array(ids)] = b
        notes.append(f"ref/planted {ari(t, rg):.3f}")
    else:
        with open(os.path.join(d, "participants-votes.csv"), newline="") as f:
            pol = {int(x["participant"]): int(x["group-id"]) for x in csv.DictReader(f)
                   if x["group-id"] != ""}
        keys = sorted(pol)
        p = [pol[i] for i in keys]
        refg = dict(zip(ids, ref["group"]))
        notes.append(f"ours/Pol.is {ari(p, [og.get(i, -1) for i in keys]):.3f}")
        notes.append(f"ref/Pol.is {ari(p, [refg.get(i, -1) for i in keys]):.3f}")
    print(", ".join(notes))


if __name__ == "__main__":
    main()
