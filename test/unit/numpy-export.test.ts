// Every NumPy export is run by python3 + NumPy and compared with central finite differences of f
// (computed by our evaluator at the same random point) — the export is judged by numbers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze, gradient, gradRequests, toRows } from '../../server/src/core';
import { finiteDifferenceGradient, valueAt } from '../../server/src/core/numeric/fd';
import { chooseSizes, Random, randomPoint } from '../../server/src/core/numeric/random';
import { COOKBOOK, RULES } from './derive-cases';

interface Job {
  name: string;
  program: string;
  fn: string;
  args: Record<string, number[][] | number>;
  fd: number[][];
}

function job(name: string, text: string, of: string, wrt: string): Job {
  const a = analyze(text);
  const out = gradient(a, of, wrt, { check: false });
  assert.ok(out.ok, out.ok ? '' : out.message);
  const sizes = chooseSizes(a, 3);
  // As the numeric check does: a plain random point, or where f is undefined there (logdet of a matrix with a
  // negative determinant), a tame one.
  let point = randomPoint(a, sizes, new Random(3));
  if (valueAt(a, of, sizes, point) === undefined) point = randomPoint(a, sizes, new Random(3), { tame: true });
  const args: Record<string, number[][] | number> = {};
  for (const [k, v] of point) args[k] = v.rows === 1 && v.cols === 1 ? v.data[0]! : toRows(v);
  for (const [k, v] of sizes) args[k] = v;
  const fn = /def (grad_\w+)\(/.exec(out.result.numpy)![1]!;
  const fd = finiteDifferenceGradient(a, of, wrt, sizes, point);
  assert.ok(fd, `${name}: f is not defined at the point`);
  return { name, program: out.result.numpy, fn, args, fd };
}

test('every NumPy export runs under NumPy and matches finite differences', () => {
  const jobs: Job[] = [...COOKBOOK, ...RULES].map((c) => job(c.name, c.text, c.of, c.wrt));
  for (const file of ['kronecker-trace.mcalc', 'gaussian-likelihood.mcalc', 'least-squares.mcalc']) {
    const text = readFileSync(`examples/${file}`, 'utf8');
    for (const r of gradRequests(analyze(text))) jobs.push(job(`${file} ∂${r.of}/∂${r.wrt}`, text, r.of, r.wrt));
  }
  // One python process for all: each program runs in its own namespace; arguments are matched by name.
  const script = `
import json, sys, inspect
import numpy as np
jobs = json.load(sys.stdin)
out = []
for j in jobs:
    ns = {}
    exec(j["program"], ns)
    fn = ns[j["fn"]]
    params = inspect.signature(fn).parameters
    g = fn(*[j["args"][p.rstrip("_")] if p not in j["args"] else j["args"][p] for p in params])
    fd = np.array(j["fd"])
    g = np.reshape(np.asarray(g, dtype=float), fd.shape)
    err = float(np.linalg.norm(g - fd) / max(1.0, np.linalg.norm(fd)))
    out.append({"name": j["name"], "err": err})
print(json.dumps(out))
`;
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(run.stdout) as { name: string; err: number }[];
  assert.equal(results.length, jobs.length);
  const bad = results.filter((r) => !(r.err < 1e-5));
  assert.deepEqual(bad, [], 'NumPy gradients that disagree with finite differences');
});

test('the NumPy export imports nothing but numpy and has one function', () => {
  const a = analyze(readFileSync('examples/kronecker-trace.mcalc', 'utf8'));
  const out = gradient(a, 'f', 'A', { check: false });
  assert.ok(out.ok);
  const src = out.result.numpy;
  assert.deepEqual(src.match(/^import .*$/gm), ['import numpy as np']);
  assert.deepEqual(src.match(/^def (\w+)/gm), ['def _tr1', 'def grad_f_wrt_A']);
  assert.match(src, /def grad_f_wrt_A\(A, B, H, L\):/);
});
