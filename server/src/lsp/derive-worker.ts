// The derivation worker (dist/derive-worker.js): derives and checks gradients off the server's main thread, so
// hovers, diagnostics and edits are answered while a long derivation runs, and cancelling one can stop it.
import { parentPort } from 'node:worker_threads';
import { gradient } from '../core';
import { DocumentAnalyzer } from '../core/incremental/analyzer';
import { hoverAt } from '../core/queries';
import type { DeriveJob, DeriveJobResult } from './derive-job';

/**
 * The last document analysed, kept up to date edit by edit (core/incremental): the panel asks again and again about
 * the same text, and hovers come after small edits of a long note.
 */
let last: { languageId: string; analyzer: DocumentAnalyzer } | undefined;
/** The text of the job before: a job with text null is about it (derive-pool.ts sends a text once). */
let lastText = '';

function run(job: DeriveJob): DeriveJobResult {
  const options = { check: job.check, tolerance: job.tolerance, symmetric: job.symmetric };
  try {
    // Kept by language and compared by text, not by uri and version (a reopened document starts again at version 1):
    // the analyzer re-reads what differs from the text it saw last, whichever document that was.
    if (last?.languageId !== job.languageId) last = { languageId: job.languageId, analyzer: new DocumentAnalyzer(job.languageId, { checkClaims: false }) };
    if (job.text !== null) lastText = job.text;
    const analysis = last.analyzer.update(lastText);
    if (job.kind === 'hover') return { id: job.id, answer: hoverAt(analysis, job.offset, { gradients: true, ...options }) };
    return { id: job.id, answer: gradient(analysis, job.of, job.wrt, { ...options, steps: job.steps }) };
  } catch (e) {
    const why = e instanceof Error ? (e.stack ?? e.message) : String(e);
    if (job.kind === 'hover') return { id: job.id, answer: null };
    return { id: job.id, answer: { ok: false, message: `internal error while deriving ∂${job.of}/∂${job.wrt}: ${why}` } };
  }
}

parentPort?.on('message', (job: DeriveJob) => parentPort?.postMessage(run(job)));
