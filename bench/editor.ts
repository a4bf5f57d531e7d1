// Editor latency over real LSP stdio: the built server (dist/server.js) driven by a JSON-RPC client, diagnostics
// debounce off. Full analysis (didOpen → publishDiagnostics), one-character edits (didChange → publishDiagnostics of
// that version), hovers, and how these grow with document and expression size.
import { readFileSync } from 'node:fs';
import { analyze, gradient } from '../server/src/core';
import { DocumentAnalyzer } from '../server/src/core/incremental/analyzer';
import { expressionDocument, markdownLines, markdownNote, mcalcDocument } from './documents';
import { BenchClient } from './lsp-client';
import { median, percentile, timeMs } from './stats';

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly count: number;
}

function latency(xs: readonly number[]): Latency {
  return { p50: median(xs), p95: percentile(xs, 0.95), count: xs.length };
}

export interface EditorResults {
  readonly mcalc10k: {
    lines: number; bytes: number; openMs: number; diagnostics: number;
    /** The first open of the 10k file, before its warm-up (older results have none). */
    firstOpenMs?: number;
    /** The server's minor page faults and system CPU time per measured open (Linux; absent elsewhere and in older results). */
    server?: { minorFaults: number; systemMs: number; userMs: number };
  };
  readonly note: {
    bytes: number; lines: number; blocks: number; openMs: number; diagnostics: number;
    /** One-character edits at positions spread evenly over the whole file (mostly prose, as the file is). */
    edits: Latency;
    /** The same edits the first time, before the measured pass (absent in old results). */
    firstEdits?: Latency;
    /** One-character edits inside mcalc blocks (a statement changes each time). */
    blockEdits: Latency;
    /** The same edits, the analysis alone (DocumentAnalyzer.update in this process, the new text already made). */
    coreEdits: Latency;
    coreBlockEdits: Latency;
    /** Making each new version's text as the LSP library does (a new flat string of the whole note). */
    newText: Latency;
    /** Hovers on symbols outside grad lines: declarations, definitions, math. */
    hover: Latency;
    /** Hovers on a grad line, which derive the gradient and check it. */
    gradHover: Latency;
    /** A request the server answers without running a handler: the floor under every request (absent in old results). */
    roundTrip?: Latency;
  };
  /** ∂f/∂A of examples/kronecker-trace.mcalc over LSP (mcalc/derive, with its check) in fresh servers (absent in older results). */
  readonly firstGradient?: FirstGradient;
  readonly growth: {
    readonly mcalc: GrowthRow[];
    readonly markdown: GrowthRow[];
    readonly expression: ExpressionRow[];
  };
}

export interface GrowthRow {
  readonly lines: number;
  readonly bytes: number;
  readonly openMs: number;
  readonly edit: Latency;
  /** The server's minor page faults per measured open (Linux; absent elsewhere and in older results). */
  readonly faultsPerOpen?: number;
}

export interface FirstGradient {
  /** Fresh servers started, one measurement each. */
  readonly servers: number;
  /** How long after the open the gradient is asked for (a user reads the file first). */
  readonly afterOpenMs: number;
  /** Medians: the first gradient the server derives; the next, of another variable. */
  readonly firstMs: number;
  readonly nextMs: number;
}

export interface ExpressionRow {
  readonly terms: number;
  /** Full analysis over LSP (didOpen → diagnostics). */
  readonly openMs: number;
  /** ∂f/∂X in process: derive + simplify + print, without the numeric check. */
  readonly deriveMs: number;
}

let uriCount = 0;
const fresh = (ext: string): string => `file:///bench/doc${++uriCount}.${ext}`;

/** The median time from didOpen to diagnostics over `runs` opens of the same text (each under a new uri). */
async function openTime(client: BenchClient, text: string, languageId: string, runs: number): Promise<{ ms: number; diagnostics: number }> {
  const times: number[] = [];
  let diagnostics = 0;
  for (let r = 0; r < runs; r++) {
    // One document open at a time: what the server keeps of the others would weigh on its memory and its collector.
    await client.close();
    const o = await client.open(fresh(languageId === 'markdown' ? 'md' : 'mcalc'), languageId, text);
    times.push(o.ms);
    diagnostics = o.diagnostics;
  }
  return { ms: median(times), diagnostics };
}

/** Offsets spread evenly over [0, length): `count` of them, each moved to the start of a word so typing looks real. */
function spread(text: string, count: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    let at = Math.floor(((k + 0.5) * text.length) / count);
    while (at > 0 && /\S/.test(text[at - 1]!)) at--;
    out.push(at);
  }
  return out;
}

/** At each offset, type one character and delete it again: two edits, each timed to its diagnostics. */
async function typeAndDelete(client: BenchClient, offsets: readonly number[], ch = 'x'): Promise<number[]> {
  const times: number[] = [];
  for (const at of offsets) {
    times.push(await client.edit(at, 0, ch));
    times.push(await client.edit(at, 1, ''));
  }
  return times;
}

/**
 * The same typing as typeAndDelete, against the core alone: the time of DocumentAnalyzer.update for each edit, and
 * apart from it the time of making the new text as the LSP library does (`before + change + after`, then read: V8
 * copies the whole document into a new flat string).
 */
function coreTypeAndDelete(analyzer: DocumentAnalyzer, text: string, offsets: readonly number[], ch = 'x'): { update: number[]; text: number[] } {
  const update: number[] = [];
  const made: number[] = [];
  let now = text;
  for (const at of offsets) {
    for (const [insert, remove] of [[ch, 0], ['', 1]] as const) {
      made.push(timeMs(() => {
        now = now.slice(0, at) + insert + now.slice(at + remove);
        now.charCodeAt(0);
      }));
      update.push(timeMs(() => analyzer.update(now)));
    }
  }
  return { update, text: made };
}

/** Offsets inside mcalc blocks: right after the name defined on each block's `S_i = …` line, in `count` blocks. */
function blockOffsets(text: string, count: number): number[] {
  const all: number[] = [];
  for (const m of text.matchAll(/^S_\d+ = A_\d+/gm)) all.push(m.index + m[0].length);
  const out: number[] = [];
  for (let k = 0; k < count && all.length; k++) out.push(all[Math.floor(((k + 0.5) * all.length) / count)]!);
  return out;
}

/** Offsets of symbol names spread over the file, for hovers: on grad lines, or anywhere else (blocks and math). */
function hoverOffsets(text: string, count: number, onGradLines: boolean): number[] {
  const all: number[] = [];
  for (const m of text.matchAll(/[AB]_\{?\d+/g)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (text.startsWith('grad ', lineStart) === onGradLines) all.push(m.index + 1);
  }
  const out: number[] = [];
  for (let k = 0; k < count && all.length; k++) out.push(all[Math.floor(((k + 0.5) * all.length) / count)]!);
  return out;
}

export interface EditorOptions {
  /** The server to drive (default dist/server.js). */
  readonly server?: string;
  /** Positions at which a character is typed and deleted (two edits each): default 100. */
  readonly positions?: number;
  /** Blocks in which a character is typed and deleted: default 50. */
  readonly blocks?: number;
  readonly hovers?: number;
  /** Document sizes for the growth rows (default 1k, 10k, 100k lines). */
  readonly growthLines?: readonly number[];
}

/**
 * The first gradient a user waits for: a fresh server opens examples/kronecker-trace.mcalc, and a second later the
 * panel asks for ∂f/∂A, then ∂f/∂B. Each server is new, so nothing is compiled or started yet but what the server
 * does on its own after an open.
 */
export async function firstGradient(log: (s: string) => void, server: string | undefined, servers = 5, afterOpenMs = 1000): Promise<FirstGradient> {
  log(`  the first gradient after an open, in ${servers} fresh servers…\n`);
  const text = readFileSync('examples/kronecker-trace.mcalc', 'utf8');
  const first: number[] = [];
  const next: number[] = [];
  for (let k = 0; k < servers; k++) {
    const client = await BenchClient.start(server);
    try {
      await client.open(fresh('mcalc'), 'mcalc', text);
      await new Promise((r) => setTimeout(r, afterOpenMs));
      const a = await client.derive('f', 'A');
      const b = await client.derive('f', 'B');
      if (!a.derived || !b.derived) throw new Error('kronecker-trace: ∂f/∂A or ∂f/∂B did not derive');
      first.push(a.ms);
      next.push(b.ms);
    } finally {
      await client.stop();
    }
  }
  return { servers, afterOpenMs, firstMs: median(first), nextMs: median(next) };
}

export async function editorLatency(log: (s: string) => void, options: EditorOptions = {}): Promise<EditorResults> {
  const gradientFirst = await firstGradient(log, options.server);
  const client = await BenchClient.start(options.server);
  try {
    // Warm-up: the server's code is compiled on first use; the figures are for a server that has been running.
    log('  warm-up…\n');
    await openTime(client, markdownNote(50), 'markdown', 3);
    await typeAndDelete(client, spread(client.text, 20));
    for (const at of hoverOffsets(client.text, 40, false)) await client.hover(at);
    await openTime(client, mcalcDocument(1000), 'mcalc', 3);
    await typeAndDelete(client, spread(client.text, 20));

    const mcalc = mcalcDocument(10_000);
    log('  10,000-line .mcalc: full analysis…\n');
    // The first opens of a file this long still run code the optimiser has not compiled for it (on the 2-core VM:
    // about 450, 290, 170, 150 ms, then 100–120): the first is reported apart, the figure is for a warmed server.
    const first = await openTime(client, mcalc, 'mcalc', 1);
    await openTime(client, mcalc, 'mcalc', 3);
    const before = client.usage();
    const m = await openTime(client, mcalc, 'mcalc', 7);
    const after = client.usage();
    const perOpen = before && after ? {
      minorFaults: (after.minorFaults - before.minorFaults) / 7,
      systemMs: (after.systemMs - before.systemMs) / 7,
      userMs: (after.userMs - before.userMs) / 7,
    } : undefined;

    const note = markdownNote(1000);
    log(`  ${(note.length / 1e6).toFixed(1)} MB Markdown note: full analysis, 200 edits, 100 edits in blocks, 200 hovers…\n`);
    const n = await openTime(client, note, 'markdown', 3);
    // As for the opens, the figure is for a warmed server: the same edits once before (reported apart), as the first
    // keystrokes in a note this long still run code the optimiser has not compiled for it.
    const firstEdits = await typeAndDelete(client, spread(note, options.positions ?? 100));
    const edits = await typeAndDelete(client, spread(note, options.positions ?? 100));
    const blockEdits = await typeAndDelete(client, blockOffsets(note, options.blocks ?? 50));
    const hovers: number[] = [];
    for (const at of hoverOffsets(note, options.hovers ?? 200, false)) hovers.push((await client.hover(at)).ms);
    const gradHovers: number[] = [];
    for (const at of hoverOffsets(note, 20, true)) gradHovers.push((await client.hover(at)).ms);
    const roundTrips: number[] = [];
    for (let k = 0; k < (options.hovers ?? 200); k++) roundTrips.push(await client.roundTrip());
    log('  the same edits against the core alone…\n');
    const analyzer = new DocumentAnalyzer('markdown');
    analyzer.update(note);
    coreTypeAndDelete(analyzer, note, spread(note, 10));
    const coreEdits = coreTypeAndDelete(analyzer, note, spread(note, options.positions ?? 100));
    const coreBlockEdits = coreTypeAndDelete(analyzer, note, blockOffsets(note, options.blocks ?? 50));
    const newText = [...coreEdits.text, ...coreBlockEdits.text];

    const growthOf = async (languageId: string, make: (lines: number) => string): Promise<GrowthRow[]> => {
      const rows: GrowthRow[] = [];
      for (const lines of options.growthLines ?? [1_000, 10_000, 100_000]) {
        const text = make(lines);
        log(`  growth: ${languageId}, ${lines.toLocaleString('en-US')} lines…\n`);
        // As for the 10,000-line figure: one open unmeasured (the optimiser meets a file of this length), then the
        // median of nine, at every size (a 100,000-line open takes half a second; five of them let two slow ones set
        // the figure), so that a single slow open (a collection landing in it) does not set a ratio.
        await openTime(client, text, languageId, 1);
        const opens = 9;
        const before = client.usage();
        const o = await openTime(client, text, languageId, opens);
        const after = client.usage();
        const e = await typeAndDelete(client, spread(text, 20));
        rows.push({
          lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text), openMs: o.ms, edit: latency(e),
          ...(before && after ? { faultsPerOpen: (after.minorFaults - before.minorFaults) / opens } : {}),
        });
      }
      return rows;
    };
    const growthMcalc = await growthOf('mcalc', mcalcDocument);
    const growthMarkdown = await growthOf('markdown', markdownLines);

    const expression: ExpressionRow[] = [];
    for (const terms of [10, 100, 1000]) {
      const text = expressionDocument(terms);
      log(`  growth: a definition of ${terms} terms…\n`);
      const o = await openTime(client, text, 'mcalc', 3);
      const a = analyze(text, 'mcalc', { checkClaims: false });
      // As the derivation figures: the median of 15 after warm-up (of 5, at 1,000 terms a collection in one or two
      // runs set the figure).
      for (let k = 0; k < 3; k++) gradient(a, 'f', 'X', { check: false });
      const runs = Array.from({ length: 15 }, () => timeMs(() => gradient(a, 'f', 'X', { check: false })));
      expression.push({ terms, openMs: o.ms, deriveMs: median(runs) });
    }

    return {
      mcalc10k: { lines: 10_000, bytes: Buffer.byteLength(mcalc), openMs: m.ms, diagnostics: m.diagnostics, firstOpenMs: first.ms, ...(perOpen ? { server: perOpen } : {}) },
      note: {
        bytes: Buffer.byteLength(note), lines: note.split('\n').length, blocks: 1000, openMs: n.ms, diagnostics: n.diagnostics,
        edits: latency(edits), firstEdits: latency(firstEdits), blockEdits: latency(blockEdits), hover: latency(hovers), gradHover: latency(gradHovers), roundTrip: latency(roundTrips),
        coreEdits: latency(coreEdits.update), coreBlockEdits: latency(coreBlockEdits.update), newText: latency(newText),
      },
      firstGradient: gradientFirst,
      growth: { mcalc: growthMcalc, markdown: growthMarkdown, expression },
    };
  } finally {
    await client.stop();
  }
}
