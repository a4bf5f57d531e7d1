// The derivation worker (dist/derive-worker.js): derives and checks gradients off the server's main thread, so
// hovers, diagnostics and edits are answered while a long derivation runs, and cancelling one can stop it.
import { parentPort } from 'node:worker_threads';
import { analyze, gradient, type Analysis } from '../core';
import { hoverAt } from '../core/queries';
import type { DeriveJob, DeriveJobResult } from './derive-job';

/** The last document analysed: the panel asks again and again about the same text. */
let last: { text: string; languageId: string; analysis: Analysis } | undefined;

function run(job: DeriveJob): DeriveJobResult {
  const options = { check: job.check, tolerance: job.tolerance, symmetric: job.symmetric };
  try {
    // Compared by text, not by uri and version: a reopened document starts again at version 1.
    if (last?.text !== job.text || last.languageId !== job.languageId) {
      last = { text: job.text, languageId: job.languageId, analysis: analyze(job.text, job.languageId, { checkClaims: false }) };
    }
    if (job.kind === 'hover') return { id: job.id, answer: hoverAt(last.analysis, job.offset, { gradients: true, ...options }) };
    return { id: job.id, answer: gradient(last.analysis, job.of, job.wrt, options) };
  } catch (e) {
    const why = e instanceof Error ? (e.stack ?? e.message) : String(e);
    if (job.kind === 'hover') return { id: job.id, answer: null };
    return { id: job.id, answer: { ok: false, message: `internal error while deriving ∂${job.of}/∂${job.wrt}: ${why}` } };
  }
}

parentPort?.on('message', (job: DeriveJob) => parentPort?.postMessage(run(job)));
