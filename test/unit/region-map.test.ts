// RegionMap (core/region-map.ts) is a Map: the same answers as one over random operations, and the same entries,
// with regions small enough that keys spread over many (and keys at no usable offset, which share the first), several
// keys at each start and several with the same span.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RegionMap } from '../../server/src/core/region-map';

type Op = { readonly op: 'set' | 'delete' | 'get' | 'has' | 'clear'; readonly key: number; readonly value: number };
type Key = { readonly start: number; readonly end: number };
const span = (k: Key): Key => k;

const OFFSETS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1000, 4096, 70000, -1, NaN, 2 ** 32, 2 ** 40, Infinity];

test('a RegionMap answers as a Map does and holds the same entries', () => {
  const op: fc.Arbitrary<Op> = fc.record({
    op: fc.constantFrom('set', 'set', 'set', 'delete', 'get', 'has', 'clear'),
    key: fc.integer({ min: 0, max: 40 }),
    value: fc.integer(),
  });
  fc.assert(fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 0, max: 6 }), (ops, bits) => {
    // Object keys, as the analysis's (nodes), several at each offset.
    const keys: Key[] = Array.from({ length: 41 }, (_, k) => {
      const start = OFFSETS[k % OFFSETS.length]!;
      return { start, end: start + (k % 2) };
    });
    const plain = new Map<Key, number>();
    const regions = new RegionMap<Key, number>(span, bits);
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

test('within a region, a RegionMap goes in the order of the spans, keys with one span as they were set', () => {
  const at = (start: number, end = start + 1): Key => ({ start, end });
  const keys: Key[] = [at(5), at(1, 9), at(3), at(1, 2), at(NaN), at(0), at(5), at(1, 2)];
  const m = new RegionMap<Key, number>(span);
  keys.forEach((k, i) => m.set(k, i));
  const order = (): number[] => [...m.keys()].map((k) => keys.indexOf(k));
  assert.deepStrictEqual(order(), [4, 5, 3, 7, 1, 2, 0, 6]);
  assert.deepStrictEqual([...m.values()], [4, 5, 3, 7, 1, 2, 0, 6]);
  // Setting a key again keeps its place; deleting one leaves the others in order.
  m.set(keys[1]!, 10);
  assert.ok(m.delete(keys[2]!));
  assert.deepStrictEqual([...m].map(([k, v]) => [keys.indexOf(k), v]), [[4, 4], [5, 5], [3, 3], [7, 7], [1, 10], [0, 0], [6, 6]]);
});

test('keys set out of the order of the text, and many at one start, are found', () => {
  // A sum a + b + … is filed inner node first, every one of them at a's start (as the inference files a tree).
  const m = new RegionMap<Key, number>(span, 4);
  const keys: Key[] = Array.from({ length: 200 }, (_, k) => (k % 2 ? { start: 3, end: 400 - k } : { start: (k * 37) % 97, end: 500 }));
  keys.forEach((k, i) => m.set(k, i));
  keys.forEach((k, i) => assert.equal(m.get(k), i));
  assert.equal(m.size, 200);
  const spans = [...m.keys()];
  assert.ok(spans.every((k, i) => i === 0 || spans[i - 1]!.start < k.start || (spans[i - 1]!.start === k.start && spans[i - 1]!.end <= k.end)));
});
