// `npm run bench`: how fast gradients appear (ours beside SymPy's, whose answers are checked by numbers)
// and how fast the numeric check is. Prints a table and writes bench/results.json; `--write` also
// rewrites BENCHMARKS.md. Figures are reported, never asserted: speed is not a test.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze, checkGradient, chooseSizes, gradient, gradRequests, parseExpression, Random, randomPoint, toRows } from '../server/src/core';
import { finiteDifferenceGradient, valueAt } from '../server/src/core/numeric/fd';
import { COOKBOOK, RULES } from '../test/unit/derive-cases';
import { generatedCases, type BenchCase } from './generate';
import { sympyProgram } from './sympy';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN;
}

function timeMs(f: () => void): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function exampleCases(): BenchCase[] {
  const out: BenchCase[] = [];
  for (const file of ['kronecker-trace.mcalc', 'gaussian-likelihood.mcalc', 'least-squares.mcalc']) {
    const text = readFileSync(`examples/${file}`, 'utf8');
    for (const r of gradRequests(analyze(text))) out.push({ name: `${file} ∂${r.of}/∂${r.wrt}`, text, of: r.of, wrt: r.wrt });
  }
  return out;
}

interface CaseResult {
  name: string;
  kron: boolean;
  oursMs: number;
  sympyMs?: number;
  sympyRight?: boolean;
  sympyNote?: string;
}

/** Derive + simplify + print (mcalc, LaTeX, NumPy, steps), no numeric check: per case, the median of 15 runs. */
function deriveTimes(cases: BenchCase[]): Map<string, number> {
  const prepared = cases.map((c) => ({ c, a: analyze(c.text, 'mcalc', { checkClaims: false }) }));
  for (let round = 0; round < 3; round++) for (const { c, a } of prepared) gradient(a, c.of, c.wrt, { check: false });
  const out = new Map<string, number>();
  for (const { c, a } of prepared) {
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) runs.push(timeMs(() => gradient(a, c.of, c.wrt, { check: false })));
    out.set(c.name, median(runs));
  }
  return out;
}

interface SympyJob { name: string; source: string; wrt: string; sizes: Record<string, number>; values: Record<string, number[][]>; fd: number[][] }

const SYMPY_SCRIPT = `
import json, sys, time, signal
import numpy as np
import sympy as sp
class Timeout(Exception): pass
def alarm(*_): raise Timeout()
signal.signal(signal.SIGALRM, alarm)
out = []
for j in json.load(sys.stdin):
    r = {"name": j["name"]}
    try:
        ns = {}
        exec(j["source"], ns)
        f, X = ns["f"], ns[j["wrt"]]
        signal.alarm(20)
        r["stage"] = "differentiate"
        d = sp.diff(f, X)                      # warm-up (and the answer)
        runs = []
        t_end = time.perf_counter() + 2.0
        while len(runs) < 5 and time.perf_counter() < t_end:
            t = time.perf_counter(); sp.diff(f, X); runs.append((time.perf_counter() - t) * 1e3)
        r["ms"] = sorted(runs)[(len(runs) - 1) // 2]
        r["stage"] = "evaluate the answer"
        sizes = {ns[k]: v for k, v in j["sizes"].items() if k in ns}
        dn = d.subs(sizes) if hasattr(d, "subs") else d
        rep = {}
        for name, rows in j["values"].items():
            m = np.array(rows, dtype=float)
            rep[sp.MatrixSymbol(name, m.shape[0], m.shape[1])] = sp.ImmutableMatrix(m)
        v = dn.xreplace(rep)
        v = v.doit() if hasattr(v, "doit") else v
        fd = np.array(j["fd"], dtype=float)
        m = sp.Matrix(v) if getattr(v, "is_Matrix", False) else sp.Matrix([[v]])
        got = np.array(m.evalf().tolist(), dtype=float)
        # SymPy answers 0 (a scalar) for some gradients: compare it as the zero matrix it claims.
        got = got.reshape(fd.shape) if got.size == fd.size else np.broadcast_to(got, fd.shape)
        err = float(np.linalg.norm(got - fd) / max(1e-12, np.linalg.norm(fd)))
        r["right"] = bool(err < 1e-4)
        r["relError"] = err
        del r["stage"]
    except Timeout:
        r["note"] = "no answer within 20 s"
    except Exception as e:
        r["note"] = (r.get("stage", "run") + ": " + type(e).__name__ + ": " + str(e))[:140]
    finally:
        signal.alarm(0)
    out.append(r)
print(json.dumps(out))
`;

function sympyJobs(cases: BenchCase[]): SympyJob[] {
  const jobs: SympyJob[] = [];
  for (const c of cases) {
    const a = analyze(c.text, 'mcalc', { checkClaims: false });
    const program = sympyProgram(a, c.of);
    if (!program) continue;
    const sizes = chooseSizes(a, 11);
    let point = randomPoint(a, sizes, new Random(11));
    if (valueAt(a, c.of, sizes, point) === undefined) point = randomPoint(a, sizes, new Random(11), { tame: true });
    const fd = finiteDifferenceGradient(a, c.of, c.wrt, sizes, point);
    if (!fd) continue;
    const values: Record<string, number[][]> = {};
    for (const [k, v] of point) values[k] = toRows(v);
    jobs.push({ name: c.name, source: program.source, wrt: c.wrt, sizes: Object.fromEntries(sizes), values, fd });
  }
  return jobs;
}

function runSympy(jobs: SympyJob[]): Map<string, { ms?: number; right?: boolean; note?: string }> {
  const r = spawnSync('python3', ['-c', SYMPY_SCRIPT], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 26, timeout: 30 * 60_000 });
  if (r.status !== 0) throw new Error(`SymPy run failed: ${r.stderr}`);
  const out = new Map<string, { ms?: number; right?: boolean; note?: string }>();
  for (const x of JSON.parse(r.stdout) as { name: string; ms?: number; right?: boolean; note?: string }[]) out.set(x.name, x);
  return out;
}

function sympyVersion(): string {
  return spawnSync('python3', ['-c', 'import sympy; print(sympy.__version__)'], { encoding: 'utf8' }).stdout.trim();
}

/** The numeric check of examples/kronecker-trace.mcalc's ∂f/∂A, with the right gradient: median of 30 warm runs. */
function checkTimes(): { defaultSizes: number; allFive: number; cold: number } {
  const a = analyze(readFileSync('examples/kronecker-trace.mcalc', 'utf8'));
  const g = parseExpression('tr₁((Bᵀ ⊗ I_m) (L + Lᵀ) S Hᵀ, q)').expr;
  const run = (sizes?: Map<string, number>): number => timeMs(() => checkGradient(a, 'f', 'A', g, { shapeOf: () => undefined, ...(sizes ? { sizes } : {}) }));
  const cold = run();
  for (let i = 0; i < 10; i++) run();
  const five = new Map(['m', 'n', 'p', 'q', 'k'].map((s) => [s, 5]));
  return {
    cold,
    defaultSizes: median(Array.from({ length: 30 }, () => run())),
    allFive: median(Array.from({ length: 30 }, () => run(five))),
  };
}

function main(): void {
  const cases = [...exampleCases(), ...COOKBOOK, ...RULES, ...generatedCases()];
  const kron = (c: BenchCase): boolean => /⊗|kron/.test(c.text.split('\n').filter((l) => !l.includes(':')).join('\n'));
  process.stdout.write(`Deriving ${cases.length} gradients (${cases.filter(kron).length} through ⊗)…\n`);
  const ours = deriveTimes(cases);
  const jobs = sympyJobs(cases);
  process.stdout.write(`SymPy ${sympyVersion()} on the ${jobs.length} that SymPy can express…\n`);
  const sympy = runSympy(jobs);
  const results: CaseResult[] = cases.map((c) => {
    const s = sympy.get(c.name);
    return {
      name: c.name, kron: kron(c), oursMs: ours.get(c.name)!,
      ...(s?.ms !== undefined ? { sympyMs: s.ms } : {}),
      ...(s?.right !== undefined ? { sympyRight: s.right } : {}),
      ...(s?.note ? { sympyNote: s.note } : {}),
    };
  });
  const shared = results.filter((r) => r.sympyMs !== undefined);
  // Shared: both produced an answer in time (SymPy's time counts whether its answer is right or not).
  const ratios = shared.map((r) => r.sympyMs! / r.oursMs);
  const check = checkTimes();
  const summary = {
    machine: `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    derivatives: results.length,
    kronecker: results.filter((r) => r.kron).length,
    oursMedianMs: median(results.map((r) => r.oursMs)),
    oursP95Ms: percentile(results.map((r) => r.oursMs), 0.95),
    shared: shared.length,
    oursSharedMedianMs: median(shared.map((r) => r.oursMs)),
    sympySharedMedianMs: median(shared.map((r) => r.sympyMs!)),
    medianSpeedup: median(ratios),
    sympyRight: shared.filter((r) => r.sympyRight).length,
    sympyWrong: shared.filter((r) => r.sympyRight === false).length,
    sympyFailed: results.filter((r) => r.sympyNote?.startsWith('differentiate')).length,
    sympyUnevaluable: results.filter((r) => r.sympyNote?.startsWith('evaluate')).length,
    checkMs: check,
  };
  writeFileSync('bench/results.json', `${JSON.stringify({ summary, results }, null, 2)}\n`);
  const f = (x: number): string => (x < 1 ? x.toFixed(3) : x.toFixed(1));
  const table = [
    '| measure | figure | target |',
    '|---|---|---|',
    `| derivation, all ${summary.derivatives} gradients (${summary.kronecker} through ⊗): median / p95 | ${f(summary.oursMedianMs)} ms / ${f(summary.oursP95Ms)} ms | — |`,
    `| on the ${summary.shared} SymPy can express: ours vs SymPy median | ${f(summary.oursSharedMedianMs)} ms vs ${f(summary.sympySharedMedianMs)} ms | — |`,
    `| median speed-up over SymPy (per expression) | ${summary.medianSpeedup.toFixed(0)}× | ≥ 100× |`,
    `| SymPy's answers checked by finite differences | ${summary.sympyRight} right, ${summary.sympyWrong} wrong; ${summary.sympyFailed} not differentiated (error or > 20 s); ${summary.sympyUnevaluable} answers in array form our harness cannot evaluate | — |`,
    `| numeric check of kronecker-trace ∂f/∂A: warm median (seeded sizes / all sizes 5), first call | ${f(check.defaultSizes)} / ${f(check.allFive)} ms, ${f(check.cold)} ms | ≤ 20 ms |`,
  ].join('\n');
  process.stdout.write(`\n${table}\n\nmachine: ${summary.machine}\n`);
  if (process.argv.includes('--write')) writeBenchmarksMd(table, summary.machine, results);
}

function writeBenchmarksMd(table: string, machine: string, results: CaseResult[]): void {
  const wrong = results.filter((r) => r.sympyRight === false).map((r) => `- ${r.name}`).join('\n');
  const md = `# Benchmarks

Produced by \`npm run bench -- --write\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.
Figures are reported, not asserted (speed is never a test). Raw numbers: \`bench/results.json\`
(not committed).

${table}

Derivation time is derive + simplify + print (mcalc, LaTeX, NumPy and the steps), in one process after
warm-up, the median of 15 runs per gradient. SymPy's time is \`sympy.diff(f, X)\` alone on the same
expression (MatrixSymbol algebra with symbolic sizes), median of up to 5 runs after a warm-up; its answer
is then evaluated at the same random point and compared with central finite differences of f.

## Not measured yet

Editor latency over LSP stdio (10,000-line analysis, edit-to-diagnostics on a 2 MB note, hover), the
extension's activation time, vsix and bundle sizes, and growth with document size: they come with the
language server and the VS Code client (issues 5–7).

## SymPy answers that the numbers contradict

${wrong || '(none)'}
`;
  writeFileSync('BENCHMARKS.md', md);
}

main();
