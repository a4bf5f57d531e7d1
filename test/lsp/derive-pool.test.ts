// The derivation pool sends a document's text to the worker once, and jobs on that text send none: every answer must
// still be about the text its job names — after a change, a change back, another language, and a worker ended.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver';
import { DerivationCancelled, DerivationPool } from '../../server/src/lsp/derive-pool';

const WORKER = join(__dirname, '..', '..', '..', 'dist', 'derive-worker.js');
const options = { check: false, steps: false, tolerance: 1e-6, symmetric: 'unconstrained' } as const;
const ONE = 'A : n × n\nf = tr(A A)\n';
const TWO = 'A : n × n\nB : n × n\nf = tr(B A)\n';

describe('DerivationPool', () => {
  const pool = new DerivationPool(WORKER);
  after(() => pool.dispose());
  const derive = async (text: string, languageId: 'mcalc' | 'markdown' = 'mcalc'): Promise<string> => {
    const r = await pool.run({ kind: 'gradient', text, languageId, of: 'f', wrt: 'A', ...options });
    assert.ok(r.ok, r.ok ? '' : r.message);
    return r.result.mcalc;
  };

  test('each answer is about its own text, whether the text was sent again or not', async () => {
    assert.equal(await derive(ONE), '2 Aᵀ');
    assert.equal(await derive(ONE), '2 Aᵀ');
    assert.equal(await derive(TWO), 'Bᵀ');
    assert.equal(await derive(ONE), '2 Aᵀ');
    // The same text in another language is another document (Markdown: no mcalc block, so no f).
    const md = await pool.run({ kind: 'gradient', text: ONE, languageId: 'markdown', of: 'f', wrt: 'A', ...options });
    assert.equal(md.ok, false);
    assert.equal(await derive(`\`\`\`mcalc\n${TWO}\`\`\`\n`, 'markdown'), 'Bᵀ');
  });

  test('a worker ended by a cancellation: the next one is sent the text again', async () => {
    assert.equal(await derive(TWO), 'Bᵀ');
    const source = new CancellationTokenSource();
    const long = `A : n × n\nf = tr(${Array(60).fill('inv(A + A A)').join(' ')})\ng = tr(A)\n`;
    const cancelled = pool.run({ kind: 'gradient', text: long, languageId: 'mcalc', of: 'f', wrt: 'A', ...options }, source.token);
    setTimeout(() => source.cancel(), 100);
    await assert.rejects(cancelled, DerivationCancelled);
    // The same text as the cancelled job's: the new worker has none yet, so the pool must send it.
    const g = await pool.run({ kind: 'gradient', text: long, languageId: 'mcalc', of: 'g', wrt: 'A', ...options });
    assert.ok(g.ok && g.result.mcalc === 'I_n', JSON.stringify(g));
    assert.equal(await derive(TWO), 'Bᵀ');
  });
});

describe('DerivationPool: a cancelled job takes its timer with it', () => {
  // A short job timeout, so that the cancelled job's timer would fire while the next job runs.
  const pool = new DerivationPool(WORKER, 3000);
  after(() => pool.dispose());

  test('a job started after a cancellation is not stopped when the cancelled job would have timed out', async () => {
    const long = `A : n × n\nf = tr(${Array(60).fill('inv(A + A A)').join(' ')})\n`;
    const job = { kind: 'gradient', text: long, languageId: 'mcalc', of: 'f', wrt: 'A', ...options } as const;
    const source = new CancellationTokenSource();
    const first = pool.run(job, source.token);
    setTimeout(() => source.cancel(), 100);
    await assert.rejects(first, DerivationCancelled);
    // The first job's timer (had it been left) fires 3 s after it started, some 400 ms into this one (about a second).
    await new Promise((r) => setTimeout(r, 2600));
    const second = await pool.run(job);
    assert.ok(second.ok, second.ok ? '' : second.message);
  });
});
