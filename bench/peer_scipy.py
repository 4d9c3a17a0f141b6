#!/usr/bin/env python3
"""Peer benchmark for bench/liouvillian.bench.ts: the same sector matrices in SciPy.

Called by the TS bench with --dir (matrices written there as N{N}d{d}_{sector}.bin and
N{N}d{d}_ss.bin / _x.bin) and --sizes "N,d;N,d". Measures
  * steady state: SuperLU (scipy.sparse.linalg.spsolve on the system with one row replaced by the
    trace row), and the best SciPy method we found (inverse iteration with GMRES + spilu, the
    same algorithm as ours);
  * 6 eigenvalues of smallest |Re| per sector (12 nearest the shift, then sorted by |Re|, as
    ours): ARPACK shift-invert with SuperLU (eigs(sigma=...)), ARPACK shift-invert with a
    GMRES + spilu inner solve (best), and ARPACK 'LR' without inversion (fast, unreliable).
SuperLU steps run in a subprocess with a time limit (--superlu-timeout seconds, default 900):
its fill-in on these matrices is catastrophic for d >= 4 (see shared/DESIGN.md).
Prints one JSON object (last line of stdout) keyed by "N,d".
"""
import argparse, json, subprocess, sys, time
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as sla

SECTORS = ['+1,+1', '+1,-1', '-1,+1', '-1,-1']


def load(path):
    raw = open(path, 'rb').read()
    n, nnz, extra = np.frombuffer(raw[:12], np.int32)
    o = 12
    ptr = np.frombuffer(raw[o:o + 4 * (n + 1)], np.int32); o += 4 * (n + 1)
    ci = np.frombuffer(raw[o:o + 4 * nnz], np.int32); o += 4 * nnz
    v = np.frombuffer(raw[o:o + 8 * nnz], np.float64); o += 8 * nnz
    A = sp.csr_matrix((v, ci, ptr), shape=(n, n))
    tr = np.frombuffer(raw[o:o + 8 * n], np.float64) if extra else None
    return A, tr


def sigma_default(A, N):
    # ours: defaultSigma = 0.02·(γI + γC + |V|) = 0.06 for the bench rates
    return 0.06


def ss_sigma(A, N):
    return 0.005 * max(1e-3, abs(A).sum(axis=1).max() / max(1, N))


def replaced(A, tr):
    A = A.tolil(copy=True)
    A[0, :] = tr
    return A.tocsc()


def ilu_solver(B):
    ilu = sla.spilu(B.tocsc(), drop_tol=1e-4, fill_factor=10)
    M = sla.LinearOperator(B.shape, ilu.solve)
    def solve(b, x0=None):
        x, info = sla.gmres(B, b, x0=x0, M=M, rtol=1e-12, restart=80, maxiter=40)
        return x
    return solve


def steady_best(A, tr, N):
    n = A.shape[0]
    B = (A - ss_sigma(A, N) * sp.eye(n)).tocsr()
    solve = ilu_solver(B)
    x = (tr != 0).astype(float)
    for _ in range(30):
        x /= tr @ x
        if np.linalg.norm(A @ x) <= 1e-10 * np.linalg.norm(x):
            break
        x = solve(x, x0=x)
    return x / (tr @ x)


def smallest_re(vals, k=6):
    vals = sorted(vals, key=lambda z: (round(abs(z.real), 9), z.imag))
    return vals[:k]


def eig_superlu(A, sigma):
    vals = sla.eigs(A.tocsc(), k=12, sigma=sigma, which='LM', return_eigenvectors=False)
    return smallest_re(vals)


def eig_best(A, sigma):
    n = A.shape[0]
    B = (A - sigma * sp.eye(n)).tocsr()
    solve = ilu_solver(B)
    OPinv = sla.LinearOperator((n, n), lambda b: solve(b))
    vals = sla.eigs(A, k=12, sigma=sigma, OPinv=OPinv, which='LM', return_eigenvectors=False)
    return smallest_re(vals)


def eig_lr(A):
    vals = sla.eigs(A, k=6, which='LR', return_eigenvectors=False, maxiter=20000)
    return smallest_re(vals)


def task(args):
    """Child-process entry for the time-limited SuperLU steps; prints elapsed ms."""
    N, d = map(int, args.size.split(','))
    t0 = time.perf_counter()
    if args.task == 'superlu-ss':
        A, tr = load(f'{args.dir}/N{N}d{d}_ss.bin')
        b = np.zeros(A.shape[0]); b[0] = 1
        sla.spsolve(replaced(A, tr), b)
    else:
        for s in SECTORS:
            A, _ = load(f'{args.dir}/N{N}d{d}_{s}.bin')
            eig_superlu(A, sigma_default(A, N))
    print(json.dumps((time.perf_counter() - t0) * 1000))


def timed_child(argv, timeout):
    try:
        r = subprocess.run([sys.executable, __file__] + argv, capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0:
            return 'failed: ' + r.stderr.strip().splitlines()[-1] if r.stderr.strip() else 'failed'
        return json.loads(r.stdout.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        return f'> {timeout} s (stopped)'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--dir', required=True)
    ap.add_argument('--sizes', default='')
    ap.add_argument('--quick', action='store_true')
    ap.add_argument('--superlu-timeout', type=float, default=900)
    ap.add_argument('--task')
    ap.add_argument('--size')
    args = ap.parse_args()
    if args.task:
        task(args)
        return
    out = {}
    for size in args.sizes.split(';'):
        N, d = map(int, size.split(','))
        res = {}
        A, tr = load(f'{args.dir}/N{N}d{d}_ss.bin')
        ours_x = np.fromfile(f'{args.dir}/N{N}d{d}_x.bin', dtype=np.float64)
        print(f'  ({N},{d}) steady state, SuperLU…', file=sys.stderr, flush=True)
        res['ss_superlu_ms'] = timed_child(['--dir', args.dir, '--task', 'superlu-ss', '--size', size], args.superlu_timeout)
        t0 = time.perf_counter()
        x = steady_best(A, tr, N)
        res['ss_best_ms'] = (time.perf_counter() - t0) * 1000
        res['ss_best_method'] = 'inverse iteration, GMRES + spilu(1e-4, fill 10)'
        res['ss_best_xdiff'] = float(np.linalg.norm(x - ours_x) / np.linalg.norm(ours_x))
        print(f'  ({N},{d}) eigenvalues, SuperLU + ARPACK…', file=sys.stderr, flush=True)
        res['eig_superlu_ms'] = timed_child(['--dir', args.dir, '--task', 'superlu-eig', '--size', size], args.superlu_timeout)
        t0 = time.perf_counter()
        best = {}
        for s in SECTORS:
            A, _ = load(f'{args.dir}/N{N}d{d}_{s}.bin')
            best[s] = [[float(z.real), float(z.imag)] for z in eig_best(A, sigma_default(A, N))]
        res['eig_best_ms'] = (time.perf_counter() - t0) * 1000
        res['eig_best_method'] = 'ARPACK shift-invert, GMRES + spilu inner solves'
        res['eig_best'] = best
        t0 = time.perf_counter()
        try:
            for s in SECTORS:
                A, _ = load(f'{args.dir}/N{N}d{d}_{s}.bin')
                eig_lr(A)
            res['eig_lr_ms'] = (time.perf_counter() - t0) * 1000
        except Exception as e:  # ARPACK non-convergence
            res['eig_lr_ms'] = f'failed: {type(e).__name__}'
        out[size] = res
    print(json.dumps(out))


if __name__ == '__main__':
    main()
