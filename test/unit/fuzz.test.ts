// A small, seeded run of every fuzz target (test/fuzz): random text, mutated fixtures and well-typed functions, as
// mcalc and as Markdown, through analyze, every query and gradient(). `npm run fuzz` runs the same targets for
// 100,000 inputs and more.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyMutation, loadSeeds } from '../fuzz/mutate';
import { fuzzTargets, runTarget, typedDocument } from '../fuzz/targets';
import { analyze, gradient } from '../../server/src/core';
import { assertInside, checkDocument, checkVerdict, DEFAULT_LIMITS, FuzzViolation, timed } from '../fuzz/invariants';

const SEED = 20260517;
const RUNS: Readonly<Record<string, number>> = { 'text-mcalc': 300, 'text-markdown': 300, 'mutated-fixtures': 200, 'typed-functions': 200 };

describe('fuzz', () => {
  const targets = fuzzTargets();

  test('every target has a run here', () => {
    assert.deepEqual(targets.map((t) => t.name).sort(), Object.keys(RUNS).sort());
  });

  for (const t of targets) {
    test(`${t.name}: ${RUNS[t.name]} inputs, seed ${SEED}`, () => {
      const r = runTarget(t, { runs: RUNS[t.name]!, seed: SEED });
      assert.equal(r.failure, undefined, r.failure);
      assert.equal(r.runs, RUNS[t.name]);
      // Not vacuous: the inputs reach the parts they are meant for.
      const k = r.kinds;
      const share = (kind: string): number => (k[kind] ?? 0) / r.runs;
      if (t.name.startsWith('text-')) assert.ok(share('no statements') < 0.9, JSON.stringify(k));
      if (t.name === 'mutated-fixtures') assert.ok(share('gradients confirmed') > 0.2, JSON.stringify(k));
      if (t.name === 'typed-functions') assert.ok(share('checked') > 0.9, JSON.stringify(k));
    });
  }
});

describe('the fuzz invariants can fail', () => {
  // The invariants would pass anything if they never looked: hold them to inputs they must reject.
  test('a call over the time bound fails', () => {
    assert.throws(() => checkDocument('A : n x n\nf = tr(A)\n', 'mcalc', { ...DEFAULT_LIMITS, maxCallMs: -1 }), /took .* ms/);
  });

  test('a span outside the text fails', () => {
    assert.throws(() => assertInside('abc', { start: 2, end: 4 }, 'x'), FuzzViolation);
    assert.throws(() => assertInside('abc', { start: -1, end: 1 }, 'x'), FuzzViolation);
    assert.throws(() => assertInside('abc', { start: 2, end: 1 }, 'x'), FuzzViolation);
    assertInside('abc', { start: 3, end: 3 }, 'x');
  });

  test('a derived gradient the numbers contradict fails, one they cannot check passes', () => {
    const a = analyze('X : n x n\nf = tr(X X)\n');
    const out = gradient(a, 'f', 'X');
    assert.ok(out.ok && out.result.check?.kind === 'checked');
    assert.equal(checkVerdict(out, 'ok'), 'checked');
    const wrong = { ok: true as const, result: { ...out.result, check: { ...out.result.check, passed: false } } };
    assert.throws(() => checkVerdict(wrong, 'wrong'), /numeric check says wrong/);
    const domain = { ok: true as const, result: { ...out.result, check: { kind: 'domain' as const, message: 'log of a negative', sizes: {}, seed: 1, evaluations: 3 } } };
    assert.equal(checkVerdict(domain, 'domain'), 'unavailable');
  });

  test('a thrown error is reported with the call that threw', () => {
    assert.throws(() => timed(DEFAULT_LIMITS, 'the call', () => { throw new TypeError('boom'); }), /the call threw TypeError: boom/);
  });

  test('mutations change the text as they say', () => {
    assert.equal(applyMutation('abcdef', { kind: 'delete', from: 0.5, length: 2 }), 'abcf');
    assert.equal(applyMutation('abcdef', { kind: 'insert', from: 0, text: 'X' }), 'Xabcdef');
    assert.equal(applyMutation('abcdef', { kind: 'duplicate', from: 0, length: 2, to: 0.99 }), 'abcdefab');
    assert.equal(applyMutation('abcdef', { kind: 'swap', from: 0, length: 2, to: 0.5 }), 'decabf');
    assert.equal(applyMutation('abcdef', { kind: 'replace-char', from: 0, char: '⊗' }), '⊗bcdef');
    assert.equal(applyMutation('a\nb', { kind: 'crlf' }), 'a\r\nb');
    assert.ok(loadSeeds().length > 50);
  });

  test('a typed function is written as mcalc, as a Markdown fence and as LaTeX math', () => {
    const f = 'tr(X A B)';
    assert.match(typedDocument({ f, pick: 0, form: 'mcalc' }).text, /^f = tr\(X A B\)$/m);
    assert.match(typedDocument({ f, pick: 0, form: 'markdown-fence' }).text, /```mcalc\n> f = tr\(X A B\)/);
    assert.match(typedDocument({ f, pick: 0, form: 'markdown-math' }).text, /\$\$\nf = \\operatorname\{tr\}/);
  });
});
