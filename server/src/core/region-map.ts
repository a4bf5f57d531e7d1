// A Map whose keys start somewhere in a text (nodes, by their span), kept region by region of the text, each region as
// two arrays sorted by where the keys start.
//
// A long document files tens of thousands of node shapes. In one Map, V8 grows the table by doubling, and past about
// 4,000 entries the table is a large object: each growth takes fresh zeroed pages (slow on the benchmark's VM) and
// every lookup is a cache miss in a table of megabytes. Kept as a run of 4,096-entry Maps instead, a new key had to be
// looked for in every one of them, which at 100,000 lines made filing the shapes grow faster than the document. Here a
// key goes to the region of 2,048 characters its offset falls in, and is found there by a binary search on the keys'
// offsets: a few steps in about 130 keys, whatever the size of the document. A region was a small Map once: its
// table (a bucket and three words an entry, rounded up to a power of two) took about 53 bytes an entry, the two
// arrays take 16 and what a pushed array keeps spare. What an analysis keeps is what an open costs (BENCHMARKS.md:
// every kept megabyte is fresh pages to fault in), and the shapes were a sixth of it.
//
// The calculus's own nodes (at offset 0) are only looked up here, in the first region; an offset that is negative,
// NaN or at least 2³² goes there too (the parser makes none), before the keys at 0.
//
// Iteration goes region by region, each in the order of the keys' offsets (keys at one offset in the order they were
// set): not a Map's insertion order, which no reader of the shapes needs (they look nodes up, or copy the whole map).
/** Regions of 2¹¹ = 2,048 UTF-16 characters: about 130 nodes each in the benchmark's files. */
const REGION_BITS = 11;

/** A region's entries, sorted by their keys' offsets. */
interface Region<K, V> {
  keys: K[];
  values: V[];
}

export class RegionMap<K, V> implements Map<K, V> {
  private readonly regions: (Region<K, V> | undefined)[] = [];
  private count = 0;
  /** The region set in last: when a later one is begun, its arrays are copied to their length (below). */
  private last = -1;

  /** `offset(key)` must stay the same for a key (nodes are immutable). Tests make the regions small. */
  constructor(private readonly offset: (key: K) => number, private readonly bits = REGION_BITS) {}

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'RegionMap';
  }

  /** Where a key sorts: its offset, or -1 for one at no usable offset (those share the first region). */
  private at(key: K): number {
    const at = this.offset(key);
    return at >= 0 && at < 0x100000000 ? at : -1;
  }

  private region(at: number): Region<K, V> | undefined {
    return this.regions[at < 0 ? 0 : at >>> this.bits];
  }

  /** The key's index in `r`, or, if it is not there, `~i` for the index it would be set at (after its equals). */
  private find(r: Region<K, V>, key: K, at: number): number {
    const keys = r.keys;
    let lo = 0;
    let hi = keys.length;
    // Keys are mostly set in the order of the text: look at the last one before searching.
    if (hi > 0 && this.at(keys[hi - 1]!) <= at) lo = hi;
    else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.at(keys[mid]!) <= at) lo = mid + 1;
        else hi = mid;
      }
    }
    for (let i = lo - 1; i >= 0 && this.at(keys[i]!) === at; i--) if (keys[i] === key) return i;
    return ~lo;
  }

  get(key: K): V | undefined {
    const at = this.at(key);
    const r = this.region(at);
    if (!r) return undefined;
    const i = this.find(r, key, at);
    return i >= 0 ? r.values[i] : undefined;
  }

  has(key: K): boolean {
    const at = this.at(key);
    const r = this.region(at);
    return r !== undefined && this.find(r, key, at) >= 0;
  }

  set(key: K, value: V): this {
    const at = this.at(key);
    const index = at < 0 ? 0 : at >>> this.bits;
    let r = this.regions[index];
    if (!r) {
      // Fill the gap with explicit undefineds: the array stays packed (a holey one is slower to index). There are few
      // to fill, as nodes are filed roughly in text order.
      while (this.regions.length < index) this.regions.push(undefined);
      this.regions[index] = r = { keys: [], values: [] };
    }
    if (index !== this.last) {
      // The text's nodes come in its order, so the region before is likely done: V8 gives an array grown by push()
      // about half as much room again as it holds, which a copy does not keep.
      const done = this.regions[this.last];
      if (done && index > this.last) {
        done.keys = done.keys.slice();
        done.values = done.values.slice();
      }
      this.last = index;
    }
    const i = this.find(r, key, at);
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
    const at = this.at(key);
    const r = this.region(at);
    if (!r) return false;
    const i = this.find(r, key, at);
    if (i < 0) return false;
    r.keys.splice(i, 1);
    r.values.splice(i, 1);
    this.count--;
    return true;
  }

  clear(): void {
    this.regions.length = 0;
    this.last = -1;
    this.count = 0;
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
