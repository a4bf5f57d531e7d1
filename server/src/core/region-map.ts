// A Map whose keys are spans of a text (nodes: every syntax node is its own span), kept region by region of the text,
// each region as two arrays sorted by where the keys start and then end.
//
// A long document files tens of thousands of node shapes. In one Map, V8 grows the table by doubling, and past about
// 4,000 entries the table is a large object: each growth takes fresh zeroed pages (slow on the benchmark's VM) and
// every lookup is a cache miss in a table of megabytes. Kept as a run of 4,096-entry Maps instead, a new key had to be
// looked for in every one of them, which at 100,000 lines made filing the shapes grow faster than the document. Here a
// key goes to the region of 2,048 characters its start falls in, and is found there by a binary search on the keys'
// starts and ends: a few steps in about 130 keys, whatever the size of the document. The end counts because nodes
// share starts: every `+` of `a + b + … + z` starts where `a` does (a search on starts alone looked at all of them).
// Only keys with the same start and end are told apart one by one (the parser makes none; the calculus's nodes, all
// at 0–0, are only looked up here).
//
// A region was a small Map once: its table (a bucket and three words an entry, rounded up to a power of two) took
// about 53 bytes an entry; the two arrays take 16 and what a pushed array keeps spare, which is dropped when a later
// region is begun. What an analysis keeps is what an open costs (BENCHMARKS.md: every kept megabyte is fresh pages to
// fault in), and the shapes were a sixth of it.
//
// A start or end that is negative, NaN or at least 2³² counts as -1 (such keys go to the first region, before the
// keys at 0). Iteration goes region by region, each in the order of the spans (keys with one span in the order they
// were set): not a Map's insertion order, which no reader of the shapes needs (they look nodes up, or copy the whole
// map). Unlike a Map's, an iteration does not follow changes made while it runs: no reader makes any.
import type { Span } from './syntax/span';

/** Regions of 2¹¹ = 2,048 UTF-16 characters: about 130 nodes each in the benchmark's files. */
const REGION_BITS = 11;

/** A region's entries, sorted by their keys' spans. */
interface Region<K, V> {
  keys: K[];
  values: V[];
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

  private start(key: K): number {
    return usable(this.span(key).start);
  }

  private end(key: K): number {
    return usable(this.span(key).end);
  }

  private index(start: number): number {
    return start < 0 ? 0 : start >>> this.bits;
  }

  /**
   * The key's index in `r`, or, if it is not there, `~i` for the index it would be set at (after the keys that sort
   * with it). `start` and `end` are the key's.
   */
  private find(r: Region<K, V>, key: K, start: number, end: number): number {
    const keys = r.keys;
    let lo = 0;
    let hi = keys.length;
    // Keys are mostly set in the order of the text: look at the last one before searching.
    if (hi > 0 && !this.after(keys[hi - 1]!, start, end)) lo = hi;
    else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.after(keys[mid]!, start, end)) hi = mid;
        else lo = mid + 1;
      }
    }
    for (let i = lo - 1; i >= 0 && this.start(keys[i]!) === start && this.end(keys[i]!) === end; i--) if (keys[i] === key) return i;
    return ~lo;
  }

  /** Whether `key` sorts after the span start–end. */
  private after(key: K, start: number, end: number): boolean {
    const s = this.start(key);
    return s > start || (s === start && this.end(key) > end);
  }

  get(key: K): V | undefined {
    const start = this.start(key);
    const r = this.regions[this.index(start)];
    if (!r) return undefined;
    const i = this.find(r, key, start, this.end(key));
    return i >= 0 ? r.values[i] : undefined;
  }

  has(key: K): boolean {
    const start = this.start(key);
    const r = this.regions[this.index(start)];
    return r !== undefined && this.find(r, key, start, this.end(key)) >= 0;
  }

  set(key: K, value: V): this {
    const start = this.start(key);
    const index = this.index(start);
    let r = this.regions[index];
    if (!r) {
      // Fill the gap with explicit undefineds: the array stays packed (a holey one is slower to index). There are few
      // to fill, as nodes are filed roughly in text order.
      while (this.regions.length < index) this.regions.push(undefined);
      this.regions[index] = r = { keys: [], values: [] };
    }
    if (index > this.top) {
      // The text's nodes come in its order, so the highest region before is likely done: V8 gives an array grown by
      // push() about half as much room again as it holds, which a copy does not keep.
      const done = this.regions[this.top];
      if (done) {
        done.keys = done.keys.slice();
        done.values = done.values.slice();
      }
      this.top = index;
    }
    const i = this.find(r, key, start, this.end(key));
    if (i >= 0) {
      r.values[i] = value;
      return this;
    }
    const to = ~i;
    if (to === r.keys.length) {
      r.keys.push(key);
      r.values.push(value);
    } else {
      r.keys.splice(to, 0, key);
      r.values.splice(to, 0, value);
    }
    this.count++;
    return this;
  }

  delete(key: K): boolean {
    const start = this.start(key);
    const r = this.regions[this.index(start)];
    if (!r) return false;
    const i = this.find(r, key, start, this.end(key));
    if (i < 0) return false;
    r.keys.splice(i, 1);
    r.values.splice(i, 1);
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

/** An offset as the map sorts it: -1 for one that is negative, NaN or at least 2³². */
function usable(offset: number): number {
  return offset >= 0 && offset < 0x100000000 ? offset : -1;
}
