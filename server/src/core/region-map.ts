// A Map whose keys are spans of a text (nodes: every syntax node is its own span), kept region by region of the text,
// each region as arrays sorted by where the keys start and then end.
//
// A long document files tens of thousands of node shapes. In one Map, V8 grows the table by doubling, and past about
// 4,000 entries the table is a large object: each growth takes fresh zeroed pages (slow on the benchmark's VM) and
// every lookup is a cache miss in a table of megabytes. Kept as a run of 4,096-entry Maps instead, a new key had to be
// looked for in every one of them, which at 100,000 lines made filing the shapes grow faster than the document. Here a
// key goes to the region of 2,048 characters its start falls in, and is found there by a binary search on the keys'
// places: a few steps in about 130 keys, whatever the size of the document. A place is the start and then the length
// as one number, kept beside the key (a search that read each key's span was a third slower: nodes come in many
// shapes, and reading `start` off one of many shapes is slow). The length counts because nodes share starts: every
// `+` of `a + b + … + z` starts where `a` does. Only keys at the same place are told apart one by one (the parser
// makes none; the calculus's nodes, all at 0–0, are only looked up here).
//
// A region was a small Map once: its table (a bucket and three words an entry, rounded up to a power of two) took
// about 53 bytes an entry; the three arrays take 24, and what a pushed array keeps spare is dropped when a later
// region is begun. What an analysis keeps is what an open costs (BENCHMARKS.md: every kept megabyte is fresh pages to
// fault in), and the shapes were a sixth of it.
//
// A key whose start is negative, NaN or at least 2³² is at place -1 (in the first region, before the keys at 0); a
// length that is negative, NaN or 2²¹ or more counts as 2²¹ - 1 (such keys are told apart one by one). Iteration goes region by region,
// each in the order of the places (keys at one place in the order they were set): not a Map's insertion order, which
// no reader of the shapes needs (they look nodes up, or copy the whole map). Unlike a Map's, an iteration does not
// follow changes made while it runs: no reader makes any.
import type { Span } from './syntax/span';

/** Regions of 2¹¹ = 2,048 UTF-16 characters: about 130 nodes each in the benchmark's files. */
const REGION_BITS = 11;

/** A region's entries, sorted by their keys' places (kept in `places`). */
interface Region<K, V> {
  keys: K[];
  values: V[];
  places: number[];
}

export class RegionMap<K, V> implements Map<K, V> {
  private readonly regions: (Region<K, V> | undefined)[] = [];
  private count = 0;
  /** The highest region begun: when a later one is begun, its arrays are copied to their length (below). */
  private top = -1;

  /** `span(key)` must stay the same for a key (nodes are immutable). Tests make the regions small. */
  constructor(private readonly span: (key: K) => Span, private readonly bits = REGION_BITS) {}

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'RegionMap';
  }

  /** Where a key sorts: its start, then its length, as one number (exact: below 2³² · 2²¹ = 2⁵³). */
  private place(key: K): number {
    const { start, end } = this.span(key);
    if (!(start >= 0 && start < 0x100000000)) return -1;
    const length = end - start;
    return start * 0x200000 + (length >= 0 && length < 0x200000 ? length : 0x1fffff);
  }

  /** The region of a place. */
  private index(place: number): number {
    return place < 0 ? 0 : Math.floor(place / 0x200000) >>> this.bits;
  }

  /** The key's index in `r`, or, if it is not there, `~i` for the index it would be set at (after its equals). */
  private find(r: Region<K, V>, key: K, place: number): number {
    const p = r.places;
    let lo = 0;
    let hi = p.length;
    // Keys are mostly set in the order of the text: look at the last one before searching.
    if (hi > 0 && p[hi - 1]! <= place) lo = hi;
    else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p[mid]! > place) hi = mid;
        else lo = mid + 1;
      }
    }
    for (let i = lo - 1; i >= 0 && p[i] === place; i--) if (r.keys[i] === key) return i;
    return ~lo;
  }

  get(key: K): V | undefined {
    const place = this.place(key);
    const r = this.regions[this.index(place)];
    if (!r) return undefined;
    const i = this.find(r, key, place);
    return i >= 0 ? r.values[i] : undefined;
  }

  has(key: K): boolean {
    const place = this.place(key);
    const r = this.regions[this.index(place)];
    return r !== undefined && this.find(r, key, place) >= 0;
  }

  set(key: K, value: V): this {
    const place = this.place(key);
    const index = this.index(place);
    let r = this.regions[index];
    if (!r) {
      // Fill the gap with explicit undefineds: the array stays packed (a holey one is slower to index). There are few
      // to fill, as nodes are filed roughly in text order.
      while (this.regions.length < index) this.regions.push(undefined);
      this.regions[index] = r = { keys: [], values: [], places: [] };
    }
    if (index > this.top) {
      // The text's nodes come in its order, so the highest region before is likely done: V8 gives an array grown by
      // push() about half as much room again as it holds, which a copy does not keep.
      const done = this.regions[this.top];
      if (done) {
        done.keys = done.keys.slice();
        done.values = done.values.slice();
        done.places = done.places.slice();
      }
      this.top = index;
    }
    const i = this.find(r, key, place);
    if (i >= 0) {
      r.values[i] = value;
      return this;
    }
    const to = ~i;
    if (to === r.keys.length) {
      r.keys.push(key);
      r.values.push(value);
      r.places.push(place);
    } else {
      r.keys.splice(to, 0, key);
      r.values.splice(to, 0, value);
      r.places.splice(to, 0, place);
    }
    this.count++;
    return this;
  }

  delete(key: K): boolean {
    const place = this.place(key);
    const r = this.regions[this.index(place)];
    if (!r) return false;
    const i = this.find(r, key, place);
    if (i < 0) return false;
    r.keys.splice(i, 1);
    r.values.splice(i, 1);
    r.places.splice(i, 1);
    this.count--;
    return true;
  }

  clear(): void {
    this.regions.length = 0;
    this.count = 0;
    this.top = -1;
  }

  forEach(f: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const r of this.regions) if (r) for (let i = 0; i < r.keys.length; i++) f.call(thisArg, r.values[i]!, r.keys[i]!, this);
  }

  *entries(): MapIterator<[K, V]> {
    for (const r of this.regions) if (r) for (let i = 0; i < r.keys.length; i++) yield [r.keys[i]!, r.values[i]!];
  }

  *keys(): MapIterator<K> {
    for (const r of this.regions) if (r) yield* r.keys;
  }

  *values(): MapIterator<V> {
    for (const r of this.regions) if (r) yield* r.values;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
