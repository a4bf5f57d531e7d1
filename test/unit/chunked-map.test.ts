// ChunkedMap (core/chunked-map.ts) is a Map: the same answers and the same order as one, over random operations, with
// chunks small enough that keys move between them, and a bound on their number that is reached.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ChunkedMap } from '../../server/src/core/chunked-map';

type Op = { readonly op: 'set' | 'delete' | 'get' | 'has' | 'clear'; readonly key: number; readonly value: number };

test('a ChunkedMap answers and iterates as a Map does', () => {
  const op: fc.Arbitrary<Op> = fc.record({
    op: fc.constantFrom('set', 'set', 'set', 'delete', 'get', 'has', 'clear'),
    key: fc.integer({ min: 0, max: 40 }),
    value: fc.integer(),
  });
  fc.assert(fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), (ops, size, chunks) => {
    // Object keys, as the analysis's (nodes): one object per number.
    const keys = Array.from({ length: 41 }, (_, k) => ({ k }));
    const plain = new Map<object, number>();
    const chunked = new ChunkedMap<object, number>(size, chunks);
    for (const { op, key, value } of ops) {
      const k = keys[key]!;
      if (op === 'set') { plain.set(k, value); chunked.set(k, value); }
      if (op === 'delete') assert.equal(chunked.delete(k), plain.delete(k));
      if (op === 'get') assert.equal(chunked.get(k), plain.get(k));
      if (op === 'has') assert.equal(chunked.has(k), plain.has(k));
      if (op === 'clear') { plain.clear(); chunked.clear(); }
      assert.equal(chunked.size, plain.size);
    }
    assert.deepStrictEqual([...chunked], [...plain]);
    assert.deepStrictEqual([...chunked.keys()], [...plain.keys()]);
    assert.deepStrictEqual([...chunked.values()], [...plain.values()]);
    const seen: [object, number][] = [];
    chunked.forEach((v, k, m) => { assert.equal(m, chunked); seen.push([k, v]); });
    assert.deepStrictEqual(seen, [...plain]);
  }), { numRuns: 300, seed: 3 });
});
