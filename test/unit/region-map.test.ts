// RegionMap (core/region-map.ts) is a Map: the same answers as one over random operations, and the same entries,
// with regions small enough that keys spread over many (and keys at no usable offset, which share the first).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RegionMap } from '../../server/src/core/region-map';

type Op = { readonly op: 'set' | 'delete' | 'get' | 'has' | 'clear'; readonly key: number; readonly value: number };
type Key = { readonly at: number };

const OFFSETS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1000, 4096, 70000, -1, NaN, 2 ** 32, 2 ** 40, Infinity];

test('a RegionMap answers as a Map does and holds the same entries', () => {
  const op: fc.Arbitrary<Op> = fc.record({
    op: fc.constantFrom('set', 'set', 'set', 'delete', 'get', 'has', 'clear'),
    key: fc.integer({ min: 0, max: 40 }),
    value: fc.integer(),
  });
  fc.assert(fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 0, max: 6 }), (ops, bits) => {
    // Object keys, as the analysis's (nodes), several at each offset.
    const keys: Key[] = Array.from({ length: 41 }, (_, k) => ({ at: OFFSETS[k % OFFSETS.length]! }));
    const plain = new Map<Key, number>();
    const regions = new RegionMap<Key, number>((k) => k.at, bits);
    for (const { op, key, value } of ops) {
      const k = keys[key]!;
      if (op === 'set') { assert.equal(regions.set(k, value), regions); plain.set(k, value); }
      if (op === 'delete') assert.equal(regions.delete(k), plain.delete(k));
      if (op === 'get') assert.equal(regions.get(k), plain.get(k));
      if (op === 'has') assert.equal(regions.has(k), plain.has(k));
      if (op === 'clear') { plain.clear(); regions.clear(); }
      assert.equal(regions.size, plain.size);
    }
    const sorted = <T>(xs: Iterable<T>, by: (x: T) => number): T[] => [...xs].sort((a, b) => by(a) - by(b));
    const id = (k: Key): number => keys.indexOf(k);
    const want = sorted(plain, ([k]) => id(k));
    assert.deepStrictEqual(sorted(regions, ([k]) => id(k)), want);
    assert.deepStrictEqual(sorted(regions.keys(), id), want.map(([k]) => k));
    assert.deepStrictEqual(sorted(regions.values(), (v) => v), [...plain.values()].sort((a, b) => a - b));
    const seen: [Key, number][] = [];
    regions.forEach((v, k, m) => { assert.equal(m, regions); seen.push([k, v]); });
    assert.deepStrictEqual(sorted(seen, ([k]) => id(k)), want);
  }), { numRuns: 300, seed: 3 });
});

test('within a region, a RegionMap keeps insertion order', () => {
  const keys: Key[] = [{ at: 5 }, { at: 1 }, { at: 3 }];
  const m = new RegionMap<Key, number>((k) => k.at);
  keys.forEach((k, i) => m.set(k, i));
  assert.deepStrictEqual([...m.keys()], keys);
});
