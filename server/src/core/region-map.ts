// A Map whose keys start somewhere in a text (nodes, by their span), kept as one small Map per region of the text.
//
// A long document files tens of thousands of node shapes. In one Map, V8 grows the table by doubling, and past about
// 4,000 entries the table is a large object: each growth takes fresh zeroed pages (slow on the benchmark's VM) and
// every lookup is a cache miss in a table of megabytes. Kept as a run of 4,096-entry Maps instead, a new key had to be
// looked for in every one of them, which at 100,000 lines made filing the shapes grow faster than the document. Here a
// key goes to the Map of the region of 2,048 characters its offset falls in: one small table per lookup, whatever the
// size of the document. The calculus's own nodes (at offset 0) are only looked up here, in the first region; an
// offset that is negative, NaN or at least 2³² goes there too (the parser makes none).
//
// Iteration goes region by region, each in insertion order: not a Map's overall insertion order, which no reader of
// the shapes needs (they look nodes up, or copy the whole map).
/** Regions of 2¹¹ = 2,048 UTF-16 characters: about 130 nodes each in the benchmark's files. */
const REGION_BITS = 11;

export class RegionMap<K, V> implements Map<K, V> {
  private readonly regions: (Map<K, V> | undefined)[] = [];
  private count = 0;

  /** `offset(key)` must stay the same for a key (nodes are immutable). Tests make the regions small. */
  constructor(private readonly offset: (key: K) => number, private readonly bits = REGION_BITS) {}

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'RegionMap';
  }

  /** An offset that is negative, NaN or at least 2³² goes to the first region. */
  private index(key: K): number {
    const at = this.offset(key);
    return at >= 0 && at < 0x100000000 ? (at >>> this.bits) : 0;
  }

  get(key: K): V | undefined {
    return this.regions[this.index(key)]?.get(key);
  }

  has(key: K): boolean {
    return this.regions[this.index(key)]?.has(key) ?? false;
  }

  set(key: K, value: V): this {
    const i = this.index(key);
    let region = this.regions[i];
    if (!region) {
      // Fill the gap with explicit undefineds: the array stays packed (a holey one is slower to index). There are few
      // to fill, as nodes are filed roughly in text order.
      while (this.regions.length < i) this.regions.push(undefined);
      this.regions[i] = region = new Map();
    }
    const before = region.size;
    region.set(key, value);
    this.count += region.size - before;
    return this;
  }

  delete(key: K): boolean {
    const region = this.regions[this.index(key)];
    if (!region?.delete(key)) return false;
    this.count--;
    return true;
  }

  clear(): void {
    this.regions.length = 0;
    this.count = 0;
  }

  forEach(f: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const r of this.regions) if (r) for (const [k, v] of r) f.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[K, V]> {
    for (const r of this.regions) if (r) yield* r.entries();
  }

  *keys(): MapIterator<K> {
    for (const r of this.regions) if (r) yield* r.keys();
  }

  *values(): MapIterator<V> {
    for (const r of this.regions) if (r) yield* r.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
