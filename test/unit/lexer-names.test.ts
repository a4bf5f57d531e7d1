// The lexer hands a name written again the string it made the first time (syntax/lexer.ts): whatever the cache holds,
// every name token's text must be the text it spans, among many names that share its slots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import v8 from 'node:v8';
import vm from 'node:vm';
import { lex } from '../../server/src/core/syntax/lexer';

test('every name token reads the text it spans, however often names and their hash slots repeat', () => {
  // Few letters and short names: the same names again and again, and different names of one length side by side.
  const name = fc.stringMatching(/^[ab][ab0-9_]{0,4}$/);
  const greek = fc.constantFrom('α', 'β₁', 'Σ_2', 'x₀');
  fc.assert(fc.property(fc.array(fc.oneof(name, name, greek), { minLength: 1, maxLength: 3000 }), (names) => {
    const text = names.join(' + ');
    const tokens = lex(text).filter((t) => t.kind === 'name');
    assert.equal(tokens.length, names.length);
    tokens.forEach((t, k) => {
      assert.equal(t.text, text.slice(t.span.start, t.span.end));
      assert.equal(t.text, names[k]);
    });
  }), { numRuns: 60, seed: 7 });
});

test('a long name does not keep the text it was read from alive after the text is gone', () => {
  // V8 makes a slice of 13 or more characters a view into its text: the cache must not keep such a slice.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const heap = (): number => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = heap();
  const kept: string[] = [];
  for (let i = 0; i < 20; i++) {
    // 20 texts of 2 MB, each with a name of its own, 16 characters long.
    const text = `${'x'.repeat(2_000_000)} + long_name_${String(i).padStart(5, '0')}`;
    kept.push(lex(text).filter((t) => t.kind === 'name').at(-1)!.text.slice(0, 0));
  }
  const grown = heap() - before;
  assert.ok(grown < 10_000_000, `the heap grew by ${(grown / 1e6).toFixed(1)} MB after the texts were dropped`);
  assert.equal(kept.length, 20);
});
