// `npm run fuzz`: every fuzz target of targets.ts for --runs inputs in total (default 100,000), from --seed.
// The targets run in a worker thread so that a hang — which no time bound inside the call can catch — is caught by a
// watchdog here, with the input that hung. Prints progress, each failure with fast-check's shrunk counterexample and
// how to replay it, and the final line `fuzz: N inputs, F failures (seed S)`; exits 1 on any failure.
//   node out/test/fuzz/main.js [--runs N] [--seed S] [--target NAME] [--path P] [--max-call-ms MS]
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { DEFAULT_LIMITS, type Limits } from './invariants';
import { fuzzTargets, runTarget, shareRuns, type TargetReport } from './targets';

interface Options {
  readonly runs: number;
  readonly seed: number;
  readonly target?: string;
  readonly path?: string;
  readonly limits: Limits;
  /** No progress for this long is a hang. */
  readonly watchdogMs: number;
}

type FromWorker =
  | { readonly kind: 'start'; readonly target: string; readonly runs: number }
  | { readonly kind: 'progress'; readonly target: string; readonly tried: number }
  | { readonly kind: 'input'; readonly target: string; readonly input: string }
  | { readonly kind: 'done'; readonly report: TargetReport };

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`${name} needs an integer, not ${v}`);
    return n;
  };
  const target = value('--target');
  const path = value('--path');
  return {
    runs: int('--runs', 100_000),
    seed: int('--seed', Math.floor(Math.random() * 2 ** 31)),
    ...(target ? { target } : {}),
    ...(path ? { path } : {}),
    limits: { ...DEFAULT_LIMITS, maxCallMs: int('--max-call-ms', DEFAULT_LIMITS.maxCallMs) },
    watchdogMs: int('--watchdog-ms', 120_000),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The worker: runs the targets and reports.

function work(o: Options): void {
  const post = (m: FromWorker): void => parentPort!.postMessage(m);
  const all = fuzzTargets();
  const chosen = o.target ? all.filter((t) => t.name === o.target) : all;
  if (chosen.length === 0) throw new Error(`no target ${o.target}; there are ${all.map((t) => t.name).join(', ')}`);
  const shares = o.target ? [o.runs] : shareRuns(chosen, o.runs);
  chosen.forEach((t, i) => {
    post({ kind: 'start', target: t.name, runs: shares[i]! });
    // Every input is announced before it runs, so that the watchdog can name the one that hung.
    const announced = { ...t, run: (input: unknown, l: Limits) => {
      post({ kind: 'input', target: t.name, input: fc.stringify(input) });
      return t.run(input, l);
    } };
    const report = runTarget(announced, {
      runs: shares[i]!, seed: o.seed, limits: o.limits, ...(o.path ? { path: o.path } : {}),
      progress: (tried) => post({ kind: 'progress', target: t.name, tried }),
    });
    post({ kind: 'done', report });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The main thread: progress, the watchdog, the summary.

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  console.log(o.path
    ? `fuzz: replaying ${o.target ?? 'every target'} at seed ${o.seed}, path ${o.path}`
    : `fuzz: ${o.runs} inputs from seed ${o.seed}, at most ${o.limits.maxCallMs} ms per call`);
  const started = performance.now();
  const worker = new Worker(__filename, { workerData: o });
  const reports: TargetReport[] = [];
  let current = { target: '', runs: 0, tried: 0, input: '' };
  let lastNews = performance.now();
  let lastPrint = 0;
  let hung: string | undefined;

  worker.on('message', (m: FromWorker) => {
    lastNews = performance.now();
    switch (m.kind) {
      case 'start':
        current = { target: m.target, runs: m.runs, tried: 0, input: '' };
        console.log(`${m.target}: ${m.runs} inputs`);
        break;
      case 'input':
        current.input = m.input;
        break;
      case 'progress':
        current.tried = m.tried;
        if (lastNews - lastPrint > 10_000) {
          lastPrint = lastNews;
          console.log(`  ${m.target}: ${m.tried}/${current.runs} (${seconds(lastNews - started)})`);
        }
        break;
      case 'done': {
        const r = m.report;
        reports.push(r);
        const kinds = Object.entries(r.kinds).sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(', ');
        console.log(`  ${r.name}: ${r.runs} inputs in ${seconds(r.ms)}${r.failure ? ', FAILED' : ''} (${kinds})`);
        if (r.failure) console.log(r.failure);
        break;
      }
    }
  });
  const watchdog = setInterval(() => {
    if (performance.now() - lastNews < o.watchdogMs) return;
    hung = `${current.target}: no answer for ${seconds(o.watchdogMs)} on input ${current.input}`;
    void worker.terminate();
  }, 1000);
  worker.on('error', (e) => {
    hung = `${current.target}: the worker died: ${e.stack ?? e.message} (last input ${current.input})`;
  });
  worker.on('exit', () => {
    clearInterval(watchdog);
    const inputs = reports.reduce((s, r) => s + r.runs, 0) + (hung ? current.tried : 0);
    const failures = reports.filter((r) => r.failure).length + (hung ? 1 : 0);
    if (hung) console.log(`HANG or CRASH — ${hung}`);
    console.log(`time: ${seconds(performance.now() - started)}`);
    console.log(`fuzz: ${inputs} inputs, ${failures} failures (seed ${o.seed})`);
    process.exitCode = failures > 0 ? 1 : 0;
  });
}

if (isMainThread) main();
else work(workerData as Options);
