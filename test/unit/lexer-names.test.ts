// The lexer hands a name written again the string it made the first time (syntax/lexer.ts): whatever the cache holds,
// every name token's text must be the text it spans, among many names that share its slots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
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
