// `npm run bench`: how fast gradients appear (ours beside SymPy's, whose answers are checked by numbers), how fast the
// editor reacts over real LSP stdio (full analysis, one-character edits, hovers, and how that grows), the numeric
// check, and what the extension costs (bundles, vsix, activation). Prints a table and writes bench/results.json;
// `--write` also rewrites BENCHMARKS.md; `--rewrite` only rewrites it, from the last bench/results.json (for changes to
// its notes); `--only derivation|editor|extension` runs one part. Figures are reported, never asserted: speed is not a
// test.
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { derivationFigures, type DerivationResults } from './derivation';
import { editorLatency, type EditorResults, type GrowthRow, type Latency } from './editor';
import { extensionFigures, type ExtensionResults } from './extension';
import { median, timeMs } from './stats';

const log = (s: string): void => {
  process.stdout.write(s);
};

const f = (x: number): string => (x < 1 ? x.toFixed(2) : x < 10 ? x.toFixed(1) : x.toFixed(0));
const lat = (l: Latency): string => `${f(l.p50)} / ${f(l.p95)} ms`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;

/** This machine's cost of fresh memory: a new 2 MB string (what every edit of a 2 MB note makes). */
function freshStringMs(): number {
  const runs: number[] = [];
  for (let i = 0; i < 15; i++) runs.push(timeMs(() => 'x'.repeat(2_000_000).charCodeAt(1)));
  return median(runs);
}

/** And of allocation: 100,000 small objects (a span each), as an analysis makes them by the hundred thousand. */
function smallObjectsMs(): number {
  const runs: number[] = [];
  for (let i = 0; i < 15; i++) {
    runs.push(timeMs(() => {
      const out: { start: number; end: number }[] = [];
      for (let k = 0; k < 100_000; k++) out.push({ start: k, end: k + 1 });
    }));
  }
  return median(runs);
}

/** And of fresh pages: 64 MB of new memory, one write to each 4 KB page (its first touch, a page fault): µs a page. */
function freshPageUs(): number {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    runs.push(timeMs(() => {
      const a = new Uint8Array(64 << 20);
      for (let k = 0; k < a.length; k += 4096) a[k] = 1;
    }));
  }
  return (median(runs) * 1000) / ((64 << 20) / 4096);
}

interface Results {
  /** When the figures were measured (YYYY-MM-DD). */
  date?: string;
  machine: string;
  freshTwoMbStringMs: number;
  smallObjectsMs: number;
  /** µs for the first touch of a fresh 4 KB page (absent in older results). */
  freshPageUs?: number;
  derivation?: DerivationResults;
  editor?: EditorResults;
  extension?: ExtensionResults;
}

function growthRatios(rows: readonly GrowthRow[], pick: (r: GrowthRow) => number): string {
  const out: string[] = [];
  for (let i = 1; i < rows.length; i++) out.push(`${(pick(rows[i]!) / pick(rows[i - 1]!)).toFixed(1)}×`);
  return out.join(', ');
}

function table(r: Results): string {
  const rows: string[] = ['| measure | figure | target |', '|---|---|---|'];
  const d = r.derivation?.summary;
  if (d) {
    rows.push(
      `| derivation, all ${d.derivatives} gradients (${d.kronecker} through ⊗): median / p95 | ${f(d.oursMedianMs)} ms / ${f(d.oursP95Ms)} ms | — |`,
      `| where that time goes (median share): derive / simplify / print | ${pct(d.phaseShare.derive)} / ${pct(d.phaseShare.simplify)} / ${pct(d.phaseShare.print)} | — |`,
      `| the same with the derivation steps, as the panel asks for them: median / p95 | ${f(d.withStepsMedianMs)} ms / ${f(d.withStepsP95Ms)} ms | — |`,
      `| on the ${d.shared} SymPy ${d.sympyVersion} can express: ours vs SymPy median | ${f(d.oursSharedMedianMs)} ms vs ${f(d.sympySharedMedianMs)} ms | — |`,
      `| median speed-up over SymPy (per expression; quartiles) | ${d.medianSpeedup.toFixed(0)}× (${d.speedupQuartiles.map((x) => x.toFixed(0)).join('× / ')}×); ${d.atLeast100} of ${d.shared} at ≥ 100× | ≥ 100× |`,
      `| the same, counting only derive + simplify (sympy.diff prints nothing) | ${d.deriveSimplifySpeedup.toFixed(0)}× | — |`,
      `| the same, over the ${d.sympyRight} expressions SymPy gets right | ${d.rightSpeedup.toFixed(0)}×; of the ${d.slow} below 100×, SymPy is wrong on ${d.slowWrong} | — |`,
      `| SymPy's answers checked by finite differences | ${d.sympyRight} right, ${d.sympyWrong} wrong; ${d.sympyFailed} not differentiated (error or > 20 s); ${d.sympyUnevaluable} answers in array form our harness cannot evaluate | — |`,
      `| numeric check of kronecker-trace ∂f/∂A: warm median (seeded sizes / all sizes 5), first call | ${f(d.checkMs.defaultSizes)} / ${f(d.checkMs.allFive)} ms, ${f(d.checkMs.cold)} ms | ≤ 20 ms |`,
    );
  }
  const e = r.editor;
  if (e) {
    const n = e.note;
    rows.push(
      `| full analysis of a generated 10,000-line .mcalc (${kb(e.mcalc10k.bytes)}), didOpen → diagnostics, warmed server (median of 7) | ${f(e.mcalc10k.openMs)} ms | ≤ 50 ms |`,
      ...(e.mcalc10k.firstOpenMs !== undefined ? [`| the same, its first open (the optimiser has not yet compiled for a file this long) | ${f(e.mcalc10k.firstOpenMs)} ms | — |`] : []),
      ...(e.mcalc10k.server ? [`| the server process per open of it: page faults (first touches of fresh memory); system / user CPU time (user counts the collector's helper threads too) | ${e.mcalc10k.server.minorFaults.toFixed(0)}; ${f(e.mcalc10k.server.systemMs)} / ${f(e.mcalc10k.server.userMs)} ms | — |`] : []),
      `| ${(n.bytes / 1e6).toFixed(1)} MB Markdown note, ${n.blocks.toLocaleString('en-US')} mcalc blocks: full analysis | ${f(n.openMs)} ms | — |`,
      `| one-character edit → its diagnostics, ${n.edits.count} edits spread over the note: p50 / p95 | ${lat(n.edits)} | p95 ≤ 10 ms |`,
      ...(n.firstEdits ? [`| the same edits the first time, just before (the optimiser still compiling for a note this long): p50 / p95 | ${lat(n.firstEdits)} | — |`] : []),
      `| one-character edit inside an mcalc block → its diagnostics, ${n.blockEdits.count} edits: p50 / p95 | ${lat(n.blockEdits)} | — |`,
      `| of which the analysis (DocumentAnalyzer.update in process): edits spread / in blocks, p50 / p95 | ${lat(n.coreEdits)}; ${lat(n.coreBlockEdits)} | — |`,
      ...(n.newText ? [`| for comparison: making each version's text as one new string (what the LSP library does, and the server no longer does per edit), p50 / p95 | ${lat(n.newText)} | — |`] : []),
      `| hover on a symbol (declarations, definitions, math), ${n.hover.count} hovers: p50 / p95 | ${lat(n.hover)} | p95 ≤ 2 ms |`,
      `| hover on a grad line (derives ∂f/∂X and checks it), ${n.gradHover.count} hovers: p50 / p95 | ${lat(n.gradHover)} | — |`,
      ...(n.roundTrip ? [`| for comparison: a request the server answers without running a handler (the JSON-RPC round trip, the floor under a hover), ${n.roundTrip.count}: p50 / p95 | ${lat(n.roundTrip)} | — |`] : []),
    );
    const g = e.firstGradient;
    if (g) {
      rows.push(`| the first gradient after an open: ∂f/∂A of kronecker-trace (mcalc/derive with its check), ${g.afterOpenMs / 1000} s after the open, in a fresh server (median of ${g.servers}); then ∂f/∂B | ${f(g.firstMs)} ms; ${f(g.nextMs)} ms | — |`);
    }
    for (const [label, rowsOf] of [['.mcalc', e.growth.mcalc], ['Markdown', e.growth.markdown]] as const) {
      const lines = rowsOf.map((x) => x.lines.toLocaleString('en-US')).join(' / ');
      rows.push(
        `| growth, ${label} of ${lines} lines: full analysis | ${rowsOf.map((x) => `${f(x.openMs)}`).join(' / ')} ms (×10 lines: ${growthRatios(rowsOf, (x) => x.openMs)}) | ≤ linear (≤ 10×) |`,
        `| growth, ${label} of ${lines} lines: edit p50 | ${rowsOf.map((x) => `${f(x.edit.p50)}`).join(' / ')} ms (×10 lines: ${growthRatios(rowsOf, (x) => x.edit.p50)}) | ≤ linear |`,
        ...(rowsOf.every((x) => x.faultsPerOpen !== undefined)
          ? [`| growth, ${label} of ${lines} lines: the server's page faults per open | ${rowsOf.map((x) => x.faultsPerOpen!.toFixed(0)).join(' / ')} | — |`]
          : []),
      );
    }
    const x = e.growth.expression;
    rows.push(
      `| growth, one definition of ${x.map((y) => y.terms).join(' / ')} terms: full analysis | ${x.map((y) => f(y.openMs)).join(' / ')} ms | ≤ linear |`,
      `| growth, the same: ∂f/∂X (derive, simplify, print) | ${x.map((y) => f(y.deriveMs)).join(' / ')} ms | ≤ linear |`,
    );
  }
  const x = r.extension;
  if (x) {
    const a = x.activation;
    rows.push(a
      ? `| extension activation, production bundle in VS Code ${a.vscode}: load + activate(), median of ${a.launches} launches | ${f(a.activationMs)} ms (load ${f(a.loadMs)}, activate() ${f(a.activateCallMs)}: medians of each) | ≤ 100 ms |`
      : `| extension activation, production bundle in VS Code | ${x.activationNote ?? 'not measured'} | ≤ 100 ms |`);
    if (a) {
      rows.push(
        `| extension: its first line → language server ready, median (of which loading the language client after activation) | ${f(a.serverReadyMs)} ms (${f(a.clientLoadMs)} ms) | — |`,
        `| opening a .mcalc file in a fresh window → language server ready, median | ${f(a.openToServerReadyMs)} ms | — |`,
      );
    }
    rows.push(
      `| vsix size | ${x.vsixBytes !== undefined ? `${(x.vsixBytes / 1e6).toFixed(2)} MB` : (x.vsixNote ?? 'not built')} | ≤ 2 MB |`,
      `| production bundles | ${Object.entries(x.bundles).map(([k, v]) => `${k} ${kb(v)}`).join(', ')} | — |`,
    );
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  if (process.argv.includes('--rewrite')) {
    // BENCHMARKS.md again from the last run's bench/results.json, measuring nothing: for changes to its notes.
    const last = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results;
    writeBenchmarksMd(table(last), last);
    log('BENCHMARKS.md rewritten from bench/results.json\n');
    return;
  }
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const cpu = cpus();
  const results: Results = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpu[0]?.model ?? 'cpu'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${loadavg()[0]!.toFixed(1)} at the start`,
    freshTwoMbStringMs: freshStringMs(),
    smallObjectsMs: smallObjectsMs(),
    freshPageUs: freshPageUs(),
  };
  if (!only || only === 'derivation') results.derivation = derivationFigures(log);
  if (!only || only === 'editor') {
    log('Editor latency over LSP stdio (node dist/server.js --stdio, diagnostics debounce 0)…\n');
    results.editor = await editorLatency(log);
  }
  if (!only || only === 'extension') {
    log('Extension: bundles, vsix, activation…\n');
    results.extension = extensionFigures(log);
  }
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  const t = table(results);
  log(`\n${t}\n\nmachine: ${results.machine}; here a fresh 2 MB string takes ${f(results.freshTwoMbStringMs)} ms, `
    + `100,000 small objects ${f(results.smallObjectsMs)} ms, the first touch of a fresh 4 KB page ${f(results.freshPageUs!)} µs\n`);
  if (process.argv.includes('--write')) {
    if (only) log('--write needs the whole bench (no --only): BENCHMARKS.md not written\n');
    else writeBenchmarksMd(t, results);
  }
}

function writeBenchmarksMd(t: string, r: Results): void {
  const wrong = r.derivation!.results.filter((x) => x.sympyRight === false).map((x) => `- ${x.name}`).join('\n');
  const slowest = r.derivation!.results.filter((x) => x.sympyMs !== undefined)
    .sort((a, b) => a.sympyMs! / a.oursMs - b.sympyMs! / b.oursMs).slice(0, 8)
    .map((x) => `| ${x.name} | ${f(x.oursMs)} | ${f(x.sympyMs!)} | ${f(x.sympyMs! / x.oursMs)}× | ${x.sympyRight === undefined ? '?' : x.sympyRight ? 'right' : 'wrong'} |${x.phases ? ` ${f(x.phases.derive)} / ${f(x.phases.simplify)} / ${f(x.phases.print)} |` : ' — |'}`)
    .join('\n');
  const md = `# Benchmarks

Produced by \`npm run bench -- --write\` on ${r.date ?? new Date().toISOString().slice(0, 10)}; machine: ${r.machine}.
The machine is a virtual machine with 2 cores **shared** with other jobs, so the figures are noisy (a run can be 2×
another). Memory is what is slow on it: a fresh 2 MB string takes ${f(r.freshTwoMbStringMs)} ms (page faults on new memory),
and 100,000 small objects ${f(r.smallObjectsMs)} ms — a desktop does both in well under 2 ms, and the analysis allocates
by the hundred thousand.${r.freshPageUs !== undefined ? ` The first touch of a fresh 4 KB page (its page fault) takes ${f(r.freshPageUs)} µs here, where a
desktop takes well under 1 µs.` : ''} Figures are reported, not asserted (speed is never a test). Raw numbers:
\`bench/results.json\` (not committed).

${t}

${NOTES}

## The speed-up over SymPy, expression by expression

The eight shared expressions with the lowest speed-up (ms; SymPy's answer by the numbers; our phases derive / simplify /
print). Where SymPy is fastest it mostly answers at once — often 0, which the numbers contradict:

| expression | ours | SymPy | speed-up | SymPy's answer | phases |
|---|---|---|---|---|---|
${slowest}

## SymPy answers that the numbers contradict

${wrong || '(none)'}
`;
  writeFileSync('BENCHMARKS.md', md);
}

/** How the figures are made, and what stands between them and the targets (kept in step with the code by hand). */
const NOTES = `## How the figures are made

- **Derivation** is derive + simplify + print (mcalc, LaTeX and NumPy), in one process after warm-up, the median of 15
  runs per gradient: \`gradient()\` as a hover, a code action, an insert and the CLI's text output call it. The panel
  also asks for the derivation steps (each simplifies an intermediate differential again): its row is the same
  gradients with them. SymPy's time is \`sympy.diff(f, X)\` alone on the same expression (MatrixSymbol algebra
  with symbolic sizes), median of up to 5 runs after a warm-up; its answer is then evaluated at the same random point
  and compared with central finite differences of f.
- **Editor latency** drives the built server (\`node dist/server.js --stdio\`) with a JSON-RPC client
  (\`bench/lsp-client.ts\`, vscode-jsonrpc) and \`initializationOptions.diagnosticsDelay = 0\`, so the figures are the
  server's own time (editors add the 150 ms debounce on purpose). An edit is an incremental \`didChange\` of one character
  (typed, then deleted again), timed from sending it to receiving \`publishDiagnostics\` for that version. The documents
  are generated (\`bench/documents.ts\`): the note has 1,000 parts of a heading, 25 lines of prose with LaTeX math (some
  about the block's symbols: definitions, claims, every 40th a shape error) and an mcalc block; the \`.mcalc\` file has
  parts of declarations, definitions, \`grad\` lines, every 25th part a claimed derivative and every 40th a shape error.
  The edits are at 100 positions spread evenly over the note (so mostly in prose, as the note is) and in 50 blocks.
- **Growth**: the same measures at 1,000, 10,000 and 100,000 lines; each ×10 in lines should cost at most ×10 in time.

## What stands in the way of the targets

- **10,000-line analysis (≤ 50 ms)**: a full analysis makes several hundred thousand small objects — tokens, nodes,
  shapes, uses — and keeps about 5 MB of them, and on this machine memory is what costs. Earlier rounds took the open
  from about 175 ms to about 54: the lexer reads character codes and a long text is parsed a piece at a time, so that
  its tokens die young; inferences write into the analysis's shape map instead of being copied into it; node shapes
  are filed by where a node starts, one small Map per 2,048 characters (\`core/region-map.ts\`); every syntax node is
  its own span; the uses of the symbols are written down in one list and grouped by name when something first reads
  them (\`core/references.ts\`); \`shape()\` hands back a shape it made lately for the same dims; a name written again
  gets the string the lexer made the first time. The last rounds:
  - **The claims' numeric checks** (50 claims, each about 34 evaluations of f at one point) plan f once per point
    (\`Evaluator.plan\`): each evaluation computes only the definitions and nodes that depend on the variable, by the
    same rules and in the same order as the tree walk (so the same numbers and errors, bit for bit; a test compares
    them), into matrices a \`Scratch\` hands out again at every run, and the moved point is one matrix. A claim's check
    went from 98 to 54 µs (medians of 8 interleaved runs), the whole analysis in process about 1.5 ms.
  - **Claims are checked at two sizes** (session 13): a claim that passes at its random sizes is checked again with
    each free size one larger, since an identity of one size (2×2 Cayley–Hamilton) passed whenever the draw was 2.
    To pay for it, claims are compared along 4 random directions (3 at the second sizes) rather than entry by entry:
    18 + 14 evaluations where one entrywise check of a 5×5 variable took 102. The 50 claims of a first analysis of
    the 10,000-line file went from 2.4 to 3.5 ms (separate processes, before and after).
  - **Lists a statement keeps** (a grad's names, a declaration's names and properties) are copied to their length:
    V8 gives an array grown by \`push()\` room for 17. 140 KB fewer kept at 10,000 lines (5.30 → 5.16 MB).
  - **Measured, and the largest thing left: fresh pages.** On this virtual machine the first touch of a fresh 4 KB
    page costs 13–16 µs (the machine line above; a C program that maps and touches 200 MB measures the same, and
    with transparent huge pages it is 0.3 µs — the kernel here gives them only to memory that asks, and V8 does not
    ask). What an analysis keeps is promoted by the young collections into new old-space pages, which V8 maps afresh
    after each full collection has unmapped the empty ones: the table's row "the server process per open" counts
    those first touches (about 600–1,100 a 10,000-line open, read from \`/proc/<pid>/stat\`) and the system CPU time
    they take (about 10 ms of the open; the user time counts the collector's helper threads too). A desktop would
    take under 1 ms for them. Every megabyte an analysis keeps is about 3 ms of an open here.
  What is left of an open, roughly: 25–30 ms of work in process (parsing and the scope about two fifths each, the
  claims' checks now under a tenth), about 8 ms of the collector, about 10 ms of those page faults (partly inside the
  collector's pauses), and about 9 ms of protocol for this 190 KB didOpen (measured per phase with timestamps on both
  sides: the client's JSON and write about 3–4 ms, the server's read and UTF-8 decode 2–3 ms, JSON.parse 2 ms, the
  answer 1 ms). The row is the median of 7 opens and moves by 10–30 ms between runs on this shared machine: 45 and
  48 ms in earlier sessions' tables (60 ms in a run begun at a load average of 1.7, where every figure of the
  table, SymPy's included, came out about a quarter slower), 52, 55, 44, 56 and 52 ms in the last session's runs
  before its table and 76 ms in that table (whose growth rows opened the same file in 43 ms), and 56 ms in this
  table, whose growth rows, later in the same run, opened the same file in 39 ms. Opened over and over
  in one server the open keeps getting faster for about 20 opens (two runs: 146, 97, 82, 75, then 32–65 ms), so the row's 7 opens after 3 unmeasured ones
  are not its floor.
  Tried and dropped in an earlier round: comparing a cached name a code unit at a time instead of with \`startsWith\` (no change); V8 flags
  for the young generation's size and shrinking, the memory reducer and the old generation's initial size (no change
  in page faults or time; \`--max-semi-space-size=32\` only helps because one analysis of this file then fits in it, a
  setting fitted to the benchmark). Dropped earlier: splitting the symbol and reference maps by a hash of the name;
  an allocation site of their own for the spans of names; a token that is its own span (memory, no time). What would
  get further: fewer objects kept per statement (a name node and its identifier are two objects of 56 and 48 bytes),
  tokens in flat arrays, and symbols numbered when the parser meets them, so that the scope's tables are arrays
  rather than Maps keyed by name.
- **Edit → diagnostics on the 2 MB note (p95 ≤ 10 ms)**: an edit's round trip is our analysis of it plus the
  protocol. An edit in the prose leaves the blocks and formulas as they were: markdown-it re-reads only the lines
  around it, and the diagnostics are the previous ones, moved. An edit inside a formula that joins the scope neither
  before nor after it (ordinary math, or math restating a block's symbol) is taken the same way. An edit inside a
  block's definitions or \`grad\` lines reads only those statements, and the later statements that read a symbol they
  changed (below). The text is not copied per edit: the server keeps each document as pieces
  (\`lsp/piece-document.ts\`, \`core/incremental/piece-text.ts\`), and makes it one string only when something needs all
  of it — a request such as a hover or semantic tokens (once per version), or an edit that takes the whole replay; the
  "for comparison" row is what making each version whole would cost. The figure is now for a warmed server, as the
  10,000-line one is: the same 200 edits once before (their row is beside it), since the first keystrokes in a note
  this long still run code the optimiser has not compiled for it. What is left in the tail: the edits that take the
  whole replay — in the bench, typing inside a claim's formula or a definition's in the prose (2% of the spread
  edits, 80–200 ms each; a formula that brings or checks something is read with the whole note) — and the
  collector's pauses. The whole replay itself lost a quadratic step: each parser hint of the formulas was compared
  with every math statement (about 5 ms of each replay on this note).
- **Hover on a symbol (p95 ≤ 2 ms)**: the hover itself takes about 0.09 ms in process; over LSP the p50 is the
  protocol's round trip (its row: a request the server answers without a handler). Hovers are now warmed before they
  are measured. The p95 still lands on either side of 2 ms between runs of the same build: 2.3, 1.4, 1.8 and 2.2 ms
  in earlier sessions' tables (and 0.7, 2.0 and 2.7 ms in three runs of the editor part after the last of them), 0.9
  and 2.1 ms in earlier sessions' tables, 1.7, 1.5, 1.1, 2.7 and 2.9 ms in the last session's runs before its
  table, 2.1 ms in that table (p50 0.53 ms, the round trip without a handler 2.0 ms), and 2.1 ms in this table (p50
  0.62 ms, the round trip without a handler 1.0 ms). In 15 rounds of the same 200 hovers, alternating two builds, the p95 ranged over 1.1–2.9 and 0.9–3.2
  ms (medians 1.8 and 1.8): in each round a few different hovers take 2–4 ms, and the fastest of five for every one
  of the 200 positions is under 0.7 ms. Timed against the server's collector events (a PerformanceObserver in the
  server), most of the slow hovers had no collection in them: the tail is the machine's scheduling of two processes on
  two shared cores, not a kind of hover. The uses of a symbol (the hover's count of them) are grouped by name at the
  first read of an analysis: about 2–3 ms once per version of the 10,000-line file, in the first request that reads
  them (a hover, references, rename, semantic tokens), not in every hover.
- **Edits inside a block, and edits of a \`.mcalc\` file** (\`core/incremental/local-edit.ts\`): only the statements
  parsed again go through the scope, against the symbols before them, and then each later statement that reads a
  symbol whose shape, properties or value changed; the other diagnostics are the previous ones, moved, and the rest of
  the analysis (shapes, symbols, references) is made by the whole replay when a request first reads it. In a block
  the statements must bring the same names and sizes; in a \`.mcalc\` file they may now change: a name the edit brings
  or takes away is read again in every later statement that writes it, and a size symbol that comes or goes in every
  statement that writes it (found by the name's text). That took typing in a declaration of the 10,000-line file from
  30–130 ms to under 1 ms. The whole replay is still what an edit costs when it touches a claim or what a claim reads
  (its numeric check), a size fact or a name a fact writes (facts read the whole file), the names of a block in a note
  (the prose's math is read by them), or a statement in LaTeX math. That replay runs over every statement:
  unchanged ones are replayed rather than inferred again (\`core/scope-memo.ts\`), but spans are absolute offsets, so
  every statement after the edit is a copy with moved offsets, and every shape, use and symbol goes into new maps.
- **Hover on a \`grad\` line** derives the gradient and checks it numerically in the derivation worker. It used to
  take 52 ms at p50; three causes were removed:
  - the check drew a random value for each of the note's 3,000 symbols, and now draws them only for what ∂f/∂X
    involves (\`numeric/involved.ts\`, as a claim's check does);
  - every derivation copied the document's 40,000 shapes (\`calculus/typer.ts\`);
  - every job copied the 2 MB text into the worker, which is now sent a version's text once. The first hover after
    an edit still pays for that copy.
- **The first gradient after an open** (its row: a fresh server per measurement, \`mcalc/derive\` of ∂f/∂A one second
  after opening kronecker-trace) waited mostly for the derivation worker to start: 136–185 ms, of which about 130 ms
  loading \`dist/derive-worker.js\` in a new thread. The server now starts the worker half a second after the first
  analysis of a document with something to derive (it costs about 16 MB, so a note without mcalc starts none); the
  first gradient is then 43 ms
  (the worker's first analysis of the text and code not yet optimised) and the next 18 ms. The code action's resolve
  runs on the same worker, so the first "Derive ∂f/∂X" is as much faster.
- **Growth**: the work of a full analysis is linear (a pass per statement), and the costs that grew faster than the
  file are gone: the shape table's search of every 4,096-entry chunk for each new node (about 80 ms of a
  100,000-line analysis in a CPU profile), the list of uses grown as one array of 250,000 entries (copied into fresh
  large objects at each growth; now chunks of 4,096), a name's string made afresh at each use (now the lexer's cache).
  What still grows faster than the file is where V8 keeps what an analysis keeps, and what that costs on this machine.
  Measured over LSP with V8's heap statistics at each \`publishDiagnostics\` (a fresh server per size, a close before
  each open, as the bench does):
  - a 10,000-line open keeps about 5.7 MB. The young collections promote 3.5–4 MB of it into the old generation, into
    pages already mapped: the committed old space stayed at 26.7 MB over eight opens, and once warm an open touches
    250–400 fresh pages;
  - a 100,000-line open keeps about 52 MB, nearly all of it promoted (the old generation grows 49 MB an open), and
    that does not fit in what is mapped: the committed old space grows with it (94 → 106 → 156 → 211 MB), and each
    full collection unmaps the emptied pages again (211 → 94 MB) — after a mark-compact V8 keeps one empty page of a space
    and gives the rest back. So every 100,000-line open touches its 49 MB afresh: 13,000–16,000 first touches at
    about 14 µs, 120–150 ms of system time in a 450–550 ms open. A 10,000-line open pays next to none of that. That
    difference, not our work, is the step above 10×;
  - no V8 flag changes it: with \`--no-memory-reducer\`, \`--max-semi-space-size=64\` or \`128\`,
    \`--page-promotion-threshold=0\` or \`--no-allocation-site-pretenuring\` the 100,000-line open still touches
    13,000–16,000 fresh pages, and \`--minor-mc\` and \`--single-threaded-gc\` make it slower (about 800 ms). The kernel
    here gives huge pages only to memory that asks for them (madvise), and V8 does not ask;
  - per line, in fresh servers after ten opens of each size: 4.9 µs at 10,000 lines, 4.7 at 30,000 and 5.0 at
    100,000 (one run, medians). The table's ratio compares the 10,000-line file in a server that has opened it about
    twenty times with the 100,000-line one after one unmeasured open; runs read 9.4–13.5× (12.5× two sessions ago;
    12.1×, 11.2×, 10.7×, 11.4× and 10.6× in the last session's runs before its table, 11.3× in that table; 12.8× in
    this table, where the 10,000-line open was a fast 39 ms);
  - tried in session 12 and dropped: the node shapes in sorted arrays per region instead of a small Map (about 53
    bytes an entry → 24, the key's place kept beside it). At 100,000 lines an analysis kept 49.9 MB instead of 52.4
    (in process, after a full collection), but neither open got faster: interleaved in one process the times were the
    same, and over LSP the 10,000-line open was 2.5 ms slower on average over 9 alternations of fresh servers (6 of 9
    slower). A first version searched on spans read off the nodes (16 bytes an entry, 52.3 → 48.0 MB) and cost more
    CPU: filing and reading the 16,712 shapes of the 10,000-line file took 5.0–7.6 ms against 2.1–4.0 with Maps;
  - what would move it is fewer bytes kept per line: each kept MB at 100,000 lines is about 250 first touches, 3.5 ms
    here. What an analysis keeps is mostly syntax nodes (about 45%), the node shapes' tables (a sixth), symbols
    (13%) and the text (7%); a representation with far fewer objects (spans and kinds in typed arrays) would be a
    rewrite of the core, not a tuning.
  From 1,000 to 10,000 lines \`.mcalc\` files read 5.7–15.7× in the last session's runs (the 1,000-line open is 4–8 ms);
  notes read 9.6–13.5× (and 10.9× in the last session's table). In process (\`DocumentAnalyzer.update\`, medians of
  20–40 runs) the note's step is 8 → 50 ms, 6×; over LSP the 10,000-line note's open touches about 1,600 fresh pages
  (some 22 ms) where the 1,000-line one touches about 50: the same step into the old generation, at a smaller size than for \`.mcalc\` files.
  An analysis of 1,000 lines lives and dies in the young generation, and the 1,000-line opens (3–9 ms) are mostly the
  protocol's fixed cost, too small to carry a ratio. markdown-it's time on one long note grows faster than the note
  (23× for 10× the lines: its collector, on copies of megabytes of text), so a note of more than 1,500 lines is
  scanned in parts of about 1,000 lines, each ending where CommonMark starts afresh (the rule the re-scan after an edit uses): the
  scans of the 10,000- and 100,000-line notes take 6 and 65 ms (10 and 111 ms in parts of 5,000 lines). A block
  longer than half a part makes the part read again, twice as long, rather than the rest of the note in one pass.
  Each size is opened once unmeasured and then nine times (five at 100,000 lines before this table), so that one slow
  open does not set a ratio. Edits of a note's prose and blocks, and nearly all edits of a \`.mcalc\` file, read only the lines around
  them and grow far less than the file; what remains of the \`.mcalc\` edit p50 at 100,000 lines is the text: a name's
  readers are found by searching the file for it. **Expression size**: a gradient's contributions are added one by
  one, so its sum of n terms is a chain n deep, and the simplifier joined the lists of terms of both sides at every
  level: O(n²) copies, 14 ms of a 52 ms gradient at 3,000 terms. It now reads them into one list (34 ms at 3,000
  terms), and the rows take the median of 15 derivations after 3 warm-ups (of 5 after one, a collection in one or
  two runs set the figure: 0.13 / 0.69 / 15 ms, 22×, two sessions ago). The 1,000-term row read 5.9 ms in the last
  session's table and 9.8 in this one; in process, alternating this build with the last session's in separate
  processes, both took 8–14 ms at 1,000 terms, with no difference between them beyond that spread.
- **Activation** is that of the production bundle in the real VS Code (code-server 4.100.3): \`npm run bench\` builds
  production and launches it three times (\`scripts/bench-activation.mjs\`), each a fresh profile and window on a
  folder with one \`.mcalc\` file, which \`bench/vscode-activation.ts\` opens from the extension host. The figures are
  the extension's own (its test API): loading \`dist/extension.js\` from its first line plus the \`activate()\` call, as
  VS Code counts activation (compiling the file before its first line runs is not in it). Activation loads only
  \`dist/extension.js\` (commands, panel); the language client (\`dist/language-client.js\`) is loaded once
  \`activate()\` has returned, so the server-ready figures count it; the Markdown preview's plugin and the quick pick's
  analysis are loaded on first use. A window's start keeps both cores busy (the workbench loads in Chromium, the
  built-in extensions activate): VS Code takes 0.5–3 s from opening the file to activating mcalc, more than the rest
  of the way to the server ready, and the server-ready figures vary as much between launches.
- **The SymPy ratio** varies between runs on this shared machine (the quartiles above show its spread).
  It is not dominated by a few expressions, but its very lowest are mostly expressions SymPy
  answers at once and wrongly (0 for ∂ log det X/∂X); over the answers SymPy gets right the ratio is higher. In the
  median case most of our time is printing (LaTeX and NumPy), not deriving: counting derive + simplify only (all that
  sympy.diff does), the ratio is several hundred. The derivation steps are made only when the panel asks for them.`;

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
