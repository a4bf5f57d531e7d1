// References (core/references.ts) is read as a Map of uses by name: over random adds and reads it answers as that Map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { References } from '../../server/src/core/references';
import type { Span } from '../../server/src/core/syntax/span';

type Op = { readonly op: 'add' | 'get' | 'has' | 'size' | 'iterate'; readonly name: number };

test('References answers as the Map of uses by name it replaces: names in first-use order, uses in order added', () => {
  const op: fc.Arbitrary<Op> = fc.record({
    op: fc.constantFrom('add', 'add', 'add', 'get', 'has', 'size', 'iterate'),
    name: fc.integer({ min: 0, max: 12 }),
  });
  fc.assert(fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 1, max: 5 }), (ops, chunk) => {
    // What the scope kept before: one list per name, made at the name's first use.
    const plain = new Map<string, Span[]>();
    // Chunks of a few uses, so that the uses span many of them (a document's are 4,096 long).
    const refs = new References(chunk);
    let at = 0;
    for (const { op, name } of ops) {
      const n = `x${name}`;
      // Reads between adds: a read groups the uses, and a later add must still be seen.
      if (op === 'add') {
        const span = { start: at, end: at + 1 };
        at += 2;
        refs.add(n, span);
        const list = plain.get(n);
        if (list) list.push(span);
        else plain.set(n, [span]);
      }
      if (op === 'get') assert.deepStrictEqual(refs.get(n), plain.get(n));
      if (op === 'has') assert.equal(refs.has(n), plain.has(n));
      if (op === 'size') assert.equal(refs.size, plain.size);
      if (op === 'iterate') assert.deepStrictEqual([...refs], [...plain]);
    }
    assert.deepStrictEqual([...refs.entries()], [...plain.entries()]);
    assert.deepStrictEqual([...refs.keys()], [...plain.keys()]);
    assert.deepStrictEqual([...refs.values()], [...plain.values()]);
    const seen: [string, Span[]][] = [];
    refs.forEach((v, k, m) => { assert.equal(m, refs); seen.push([k, v]); });
    assert.deepStrictEqual(seen, [...plain]);
  }), { numRuns: 300, seed: 5 });
});
