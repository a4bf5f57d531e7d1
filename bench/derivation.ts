// Derivation speed beside SymPy's (whose answers are checked by the numbers), where our time goes, and the numeric
// check's speed: the first half of `npm run bench`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { analyze, checkGradient, chooseSizes, gradient, gradRequests, parseExpression, Random, randomPoint, toRows } from '../server/src/core';
import { finiteDifferenceGradient, valueAt } from '../server/src/core/numeric/fd';
import { COOKBOOK, RULES } from '../test/unit/derive-cases';
import { phaseTimes, type PhaseTimes } from './derive-profile';
import { generatedCases, type BenchCase } from './generate';
import { median, percentile, timeMs } from './stats';
import { sympyProgram } from './sympy';

function exampleCases(): BenchCase[] {
  const out: BenchCase[] = [];
  for (const file of ['kronecker-trace.mcalc', 'gaussian-likelihood.mcalc', 'least-squares.mcalc']) {
    const text = readFileSync(`examples/${file}`, 'utf8');
    for (const r of gradRequests(analyze(text))) out.push({ name: `${file} ∂${r.of}/∂${r.wrt}`, text, of: r.of, wrt: r.wrt });
  }
  return out;
}

export interface CaseResult {
  name: string;
  kron: boolean;
  oursMs: number;
  sympyMs?: number;
  sympyRight?: boolean;
  sympyNote?: string;
  /** derive / simplify / print, medians (the three add up to about oursMs), and the steps (not in oursMs). */
  phases?: PhaseTimes;
}

/**
 * Derive + simplify + print (mcalc, LaTeX, NumPy), no numeric check — gradient() as a hover, a code action or an insert
 * calls it — or, with `steps`, also the derivation steps, as the panel asks for them: per case, the median of 15 runs.
 */
function deriveTimes(cases: BenchCase[], steps = false): Map<string, number> {
  const prepared = cases.map((c) => ({ c, a: analyze(c.text, 'mcalc', { checkClaims: false }) }));
  for (let round = 0; round < 3; round++) for (const { c, a } of prepared) gradient(a, c.of, c.wrt, { check: false, steps });
  const out = new Map<string, number>();
  for (const { c, a } of prepared) {
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) runs.push(timeMs(() => gradient(a, c.of, c.wrt, { check: false, steps })));
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

export interface DerivationResults {
  readonly summary: {
    derivatives: number; kronecker: number; oursMedianMs: number; oursP95Ms: number; shared: number;
    /** The same gradients with their derivation steps, as the panel asks for them. */
    withStepsMedianMs: number; withStepsP95Ms: number;
    oursSharedMedianMs: number; sympySharedMedianMs: number; medianSpeedup: number;
    /** Quartiles of the per-expression speed-up, and how many expressions reach 100×. */
    speedupQuartiles: [number, number, number]; atLeast100: number;
    /** The median speed-up counting only derive + simplify (what sympy.diff does: it prints nothing). */
    deriveSimplifySpeedup: number;
    /** The median speed-up over the expressions whose SymPy answer the numbers confirm. */
    rightSpeedup: number;
    /** Of the expressions below 100×, how many SymPy answered wrongly (by the numbers). */
    slowWrong: number;
    slow: number;
    sympyRight: number; sympyWrong: number; sympyFailed: number; sympyUnevaluable: number;
    /** Medians over all gradients of each phase's share of our time (derive, simplify, print). */
    phaseShare: { derive: number; simplify: number; print: number };
    /** The same for the shared expressions whose speed-up is below 100×. */
    slowPhaseShare: { derive: number; simplify: number; print: number };
    sympyVersion: string;
    checkMs: { defaultSizes: number; allFive: number; cold: number };
  };
  readonly results: CaseResult[];
}

export function derivationFigures(log: (s: string) => void): DerivationResults {
  const cases = [...exampleCases(), ...COOKBOOK, ...RULES, ...generatedCases()];
  const kron = (c: BenchCase): boolean => /⊗|kron/.test(c.text.split('\n').filter((l) => !l.includes(':')).join('\n'));
  log(`Deriving ${cases.length} gradients (${cases.filter(kron).length} through ⊗)…\n`);
  const ours = deriveTimes(cases);
  const withSteps = [...deriveTimes(cases, true).values()];
  const phases = phaseTimes(cases);
  const jobs = sympyJobs(cases);
  const version = sympyVersion();
  log(`SymPy ${version} on the ${jobs.length} that SymPy can express…\n`);
  const sympy = runSympy(jobs);
  const results: CaseResult[] = cases.map((c) => {
    const s = sympy.get(c.name);
    const p = phases.get(c.name);
    return {
      name: c.name, kron: kron(c), oursMs: ours.get(c.name)!,
      ...(s?.ms !== undefined ? { sympyMs: s.ms } : {}),
      ...(s?.right !== undefined ? { sympyRight: s.right } : {}),
      ...(s?.note ? { sympyNote: s.note } : {}),
      ...(p ? { phases: p } : {}),
    };
  });
  const shared = results.filter((r) => r.sympyMs !== undefined);
  // Shared: both produced an answer in time (SymPy's time counts whether its answer is right or not).
  const ratios = shared.map((r) => r.sympyMs! / r.oursMs);
  const share = (rs: CaseResult[]): { derive: number; simplify: number; print: number } => {
    const withPhases = rs.filter((r) => r.phases);
    const part = (k: keyof PhaseTimes): number => median(withPhases.map((r) => {
      const p = r.phases!;
      return p[k] / (p.derive + p.simplify + p.print);
    }));
    return { derive: part('derive'), simplify: part('simplify'), print: part('print') };
  };
  const check = checkTimes();
  return {
    summary: {
      derivatives: results.length,
      kronecker: results.filter((r) => r.kron).length,
      oursMedianMs: median(results.map((r) => r.oursMs)),
      oursP95Ms: percentile(results.map((r) => r.oursMs), 0.95),
      withStepsMedianMs: median(withSteps),
      withStepsP95Ms: percentile(withSteps, 0.95),
      shared: shared.length,
      oursSharedMedianMs: median(shared.map((r) => r.oursMs)),
      sympySharedMedianMs: median(shared.map((r) => r.sympyMs!)),
      medianSpeedup: median(ratios),
      speedupQuartiles: [percentile(ratios, 0.25), median(ratios), percentile(ratios, 0.75)],
      atLeast100: ratios.filter((x) => x >= 100).length,
      deriveSimplifySpeedup: median(shared.filter((r) => r.phases).map((r) => r.sympyMs! / (r.phases!.derive + r.phases!.simplify))),
      rightSpeedup: median(shared.filter((r) => r.sympyRight).map((r) => r.sympyMs! / r.oursMs)),
      slow: shared.filter((r) => r.sympyMs! / r.oursMs < 100).length,
      slowWrong: shared.filter((r) => r.sympyMs! / r.oursMs < 100 && r.sympyRight === false).length,
      sympyRight: shared.filter((r) => r.sympyRight).length,
      sympyWrong: shared.filter((r) => r.sympyRight === false).length,
      sympyFailed: results.filter((r) => r.sympyNote?.startsWith('differentiate')).length,
      sympyUnevaluable: results.filter((r) => r.sympyNote?.startsWith('evaluate')).length,
      phaseShare: share(results),
      slowPhaseShare: share(shared.filter((r) => r.sympyMs! / r.oursMs < 100)),
      sympyVersion: version,
      checkMs: check,
    },
    results,
  };
}
