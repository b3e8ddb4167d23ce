#!/usr/bin/python3
"""reference.py: the same opinion-map steps as src/opinion, vectorised with
NumPy, SciPy's sparse matrices and scikit-learn, to time samskab against.

Reads a Pol.is openData directory (comments.csv, and votes.csv or else
participants-votes.csv; or the raw votes.bin that bench/opinion/gen.c
writes beside its CSV), then runs, without Python loops over votes:
latest vote per participant and statement, the in-conversation rule
(min(7, statements) votes, at least 15 participants), column-mean
imputation and centring (as a sparse matrix: missing cells are 0 after
centring), two principal components by power iteration with deflation
(Pol.is pca.clj, at most 100 iterations), the sparsity-aware projection
scaled by sqrt(statements / votes), base k-means with k = 100 and group
k-means for k = 2..5 weighted by base cluster size (scikit-learn KMeans,
Lloyd, started like Pol.is from the first distinct points), k by
silhouette over the base clusters, and the per-group vote counts,
representativeness and consensus statistics.

Prints one JSON line: the computation's wall and CPU time (medians of
--runs, loading excluded), k, and every participant's group (by id).

  reference.py DIR [--runs N]
"""
import csv
import json
import os
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


def load(d):
    """Votes as arrays (pid index, statement index, vote in Pol.is's sign,
    time), participant ids, moderated-out flags."""
    with open(os.path.join(d, "comments.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    tids = np.array([int(r["comment-id"]) for r in rows])
    out = np.array([r["moderated"] == "-1" or r.get("is-meta") == "true" for r in rows])
    order = np.argsort(tids)
    if os.path.exists(os.path.join(d, "votes.bin")):
        n = os.path.getsize(os.path.join(d, "votes.bin")) // 17
        raw = np.fromfile(os.path.join(d, "votes.bin"), dtype=np.uint8)
        pid = raw[: 4 * n].view(np.int32)
        tid = raw[4 * n: 8 * n].view(np.int32)
        vote = raw[8 * n: 9 * n].view(np.int8)
        ts = raw[9 * n:].view(np.int64)
    elif os.path.exists(os.path.join(d, "votes.csv")):
        with open(os.path.join(d, "votes.csv"), newline="") as f:
            r = csv.reader(f)
            h = next(r)
            a = np.array([[int(x[h.index("timestamp")]), int(x[h.index("comment-id")]),
                           int(x[h.index("voter-id")]), int(x[h.index("vote")])] for x in r],
                         dtype=np.int64)
        ts, tid, pid, vote = a[:, 0], a[:, 1], a[:, 2], a[:, 3]
    else:
        with open(os.path.join(d, "participants-votes.csv"), newline="") as f:
            r = csv.reader(f)
            h = next(r)
            first = h.index("n-disagree") + 1
            cols = np.array([int(c) for c in h[first:]])
            ids, cells = [], []
            for x in r:
                ids.append(int(x[0]))
                cells.append(x[first:])
        m = np.array(cells)
        have = m != ""
        pi, ci = np.nonzero(have)
        pid = np.array(ids)[pi]
        tid = cols[ci]
        vote = m[have].astype(np.int64)
        ts = np.zeros(len(pid), dtype=np.int64)
    # Statement index by comment id.
    sidx = order[np.searchsorted(tids[order], tid)]
    # Participants in order of their first vote (stable by file order).
    o = np.argsort(ts, kind="stable")
    upid, first = np.unique(pid[o], return_index=True)
    by_first = upid[np.argsort(first, kind="stable")]
    rank = np.argsort(by_first, kind="stable")  # rank r -> index in by_first
    pidx = rank[np.searchsorted(by_first[rank], pid)]
    return dict(pidx=pidx, sidx=sidx, vote=-np.asarray(vote, dtype=np.float64), ts=ts,
                ids=by_first, out=out, n_statements=len(tids))


def latest(data):
    """One vote per participant and statement: the latest in time."""
    np_, ns = len(data["ids"]), data["n_statements"]
    key = data["pidx"] * ns + data["sidx"]
    o = np.lexsort((np.arange(len(key)), data["ts"], key))
    k = key[o]
    last = np.ones(len(k), dtype=bool)
    last[:-1] = k[1:] != k[:-1]
    sel = o[last]
    return data["pidx"][sel], data["sidx"][sel], data["vote"][sel], np_, ns


def power(mulfn, n, start, iters=100, tol=1e-9):
    v = start / np.linalg.norm(start)
    last = 0.0
    for _ in range(iters + 1):
        w = mulfn(v)
        ev = np.linalg.norm(w)
        if ev == 0:
            return w, 0.0
        v = w / ev
        if abs(ev - last) <= tol * ev:
            break
        last = ev
    return v, ev


def first_distinct(x, k):
    _, idx = np.unique(x, axis=0, return_index=True)
    return x[np.sort(idx)[:k]]


def compute(data):
    p, s, v, n_p, n_s = latest(data)
    row_votes = np.bincount(p, minlength=n_p)
    col_votes = np.bincount(s, minlength=n_s)
    active = col_votes > 0
    n_active = int(active.sum())
    out = data["out"] & active
    # In-conversation participants.
    need = min(7, n_active)
    in_conv = (row_votes >= need) & (row_votes > 0)
    if in_conv.sum() < 15:
        cand = np.flatnonzero(~in_conv & (row_votes > 0))
        cand = cand[np.argsort(-row_votes[cand], kind="stable")][: 15 - in_conv.sum()]
        in_conv[cand] = True
    # Centred sparse matrix, moderated-out columns zeroed.
    sums = np.bincount(s, weights=v, minlength=n_s)
    center = np.where(active & ~out, sums / np.maximum(col_votes, 1), 0.0)
    vals = np.where(out[s], 0.0, v - center[s])
    X = sp.csr_matrix((vals, (p, s)), shape=(n_p, n_s))
    XT = X.T.tocsr()
    rng = np.random.default_rng(0)
    pc1, _ = power(lambda u: XT @ (X @ u), n_s, rng.random(n_s) * active)

    def deflated(u):
        u = u - pc1 * (pc1 @ u)
        w = XT @ (X @ u)
        return w - pc1 * (pc1 @ w)

    pc2, _ = power(deflated, n_s, rng.random(n_s) * active)
    # Sparsity-aware projection.
    proj = X @ np.column_stack([pc1, pc2])
    n_out_votes = np.bincount(p, weights=out[s].astype(np.float64), minlength=n_p)
    n = row_votes - n_out_votes + out.sum()
    proj *= np.sqrt(n_active / np.maximum(n, 1))[:, None]
    # Base clusters.
    members = np.flatnonzero(in_conv)
    pts = proj[members]
    init = first_distinct(pts, 100)
    base = KMeans(n_clusters=len(init), init=init, n_init=1, max_iter=101,
                  algorithm="lloyd").fit(pts)
    centers = base.cluster_centers_
    weights = np.bincount(base.labels_, minlength=len(centers)).astype(np.float64)
    keep = weights > 0
    centers, weights = centers[keep], weights[keep]
    remap = np.cumsum(keep) - 1
    base_of = remap[base.labels_]
    # Groups: k = 2..max_k, weighted by base cluster size, k by silhouette.
    max_k = min(5, 2 + len(centers) // 12)
    best, sils = None, {}
    for k in range(2, max_k + 1):
        init = first_distinct(centers, k)
        if len(init) < 2:
            break
        g = KMeans(n_clusters=len(init), init=init, n_init=1, max_iter=21,
                   algorithm="lloyd").fit(centers, sample_weight=weights)
        if len(np.unique(g.labels_)) < 2:
            continue
        sil = silhouette_score(centers, g.labels_)
        sils[k] = sil
        if best is None or sil >= best[0]:
            best = (sil, k, g.labels_)
    group = np.full(n_p, -1)
    if best is None:
        return 0, group, dict(proj=proj, silhouettes=sils)
    labels = np.unique(best[2], return_inverse=True)[1]
    group[members] = labels[base_of]
    k = int(labels.max()) + 1
    # Per group counts, representativeness and consensus (as repness.clj).
    gm = group[p] >= 0
    gi = group[p][gm]
    si = s[gm]
    vi = v[gm]
    na = np.zeros((k, n_s))
    nd = np.zeros((k, n_s))
    ns_ = np.zeros((k, n_s))
    np.add.at(na, (gi, si), vi < 0)
    np.add.at(nd, (gi, si), vi > 0)
    np.add.at(ns_, (gi, si), 1)

    def prop(succ, n):
        return 2 * np.sqrt(n + 1) * ((succ + 1) / (n + 1) - 0.5)

    def two_prop(a, b, c, d):
        a, b, c, d = a + 1, b + 1, c + 1, d + 1
        hat = (a + b) / (c + d)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (a / c - b / d) / np.sqrt(hat * (1 - hat) * (1 / c + 1 / d))
        return np.where(a + b == c + d, 0.0, z)

    ra_n, rd_n, rs_n = na.sum(0) - na, nd.sum(0) - nd, ns_.sum(0) - ns_
    pa, pd = (na + 1) / (ns_ + 2), (nd + 1) / (ns_ + 2)
    pat, pdt = prop(na, ns_), prop(nd, ns_)
    ra = pa / ((ra_n + 1) / (rs_n + 2))
    rd = pd / ((rd_n + 1) / (rs_n + 2))
    rat, rdt = two_prop(na, ra_n, ns_, rs_n), two_prop(nd, rd_n, ns_, rs_n)
    sufficient = ((rat > 1.2816) & (pat > 1.2816)) | ((rdt > 1.2816) & (pdt > 1.2816))
    metric = np.where(rat > rdt, ra * rat * pa * pat, rd * rdt * pd * pdt)
    metric = np.where(sufficient & active & ~out, metric, -np.inf)
    rep = np.argsort(-metric, axis=1, kind="stable")[:, :5]
    a_all = np.bincount(s, weights=(v < 0), minlength=n_s)
    s_all = col_votes
    pa_all = (a_all + 1) / (s_all + 2)
    am = np.where((pa_all > 0.5) & (prop(a_all, s_all) > 1.2816) & active & ~out,
                  pa_all * prop(a_all, s_all), -np.inf)
    consensus = np.argsort(-am, kind="stable")[:5]
    gac = np.prod((na + 1) / (ns_ + 2), axis=0)
    return k, group, dict(proj=proj, silhouettes=sils, n_base=len(centers), rep=rep,
                          consensus=consensus, gac=gac)


def main():
    d = sys.argv[1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    data = load(d)
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        k, group, _ = compute(data)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(json.dumps({"seconds": float(np.median(times)), "cpu": float(np.median(cpu)), "k": k,
                      "ids": data["ids"].tolist(), "group": group.tolist()}))


if __name__ == "__main__":
    main()
