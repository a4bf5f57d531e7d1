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

test('within a region, a RegionMap goes in the order of the offsets, keys at one offset as they were set', () => {
  const keys: Key[] = [{ at: 5 }, { at: 1 }, { at: 3 }, { at: 1 }, { at: NaN }, { at: 0 }, { at: 5 }];
  const m = new RegionMap<Key, number>((k) => k.at);
  keys.forEach((k, i) => m.set(k, i));
  const [k5, k1, k3, k1b, nan, k0, k5b] = keys;
  assert.deepStrictEqual([...m.keys()], [nan, k0, k1, k1b, k3, k5, k5b]);
  assert.deepStrictEqual([...m.values()], [4, 5, 1, 3, 2, 0, 6]);
  // Setting a key again keeps its place; deleting one leaves the others in order.
  m.set(k1!, 10);
  assert.ok(m.delete(k3!));
  assert.deepStrictEqual([...m].map(([k, v]) => [keys.indexOf(k), v]), [[4, 4], [5, 5], [1, 10], [3, 3], [0, 0], [6, 6]]);
});

test('keys set out of the order of the text are found (the inference files a tree after its leaves)', () => {
  const m = new RegionMap<Key, number>((k) => k.at, 4);
  const keys: Key[] = Array.from({ length: 200 }, (_, k) => ({ at: (k * 37) % 97 }));
  keys.forEach((k, i) => m.set(k, i));
  keys.forEach((k, i) => assert.equal(m.get(k), i));
  assert.equal(m.size, 200);
  const ats = [...m.keys()].map((k) => k.at);
  const regionsInOrder = ats.every((a, i) => i === 0 || (ats[i - 1]! >>> 4) < (a >>> 4) || ats[i - 1]! <= a);
  assert.ok(regionsInOrder);
});
