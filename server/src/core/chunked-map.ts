// A Map kept as a run of small Maps, for the maps a long document fills with tens of thousands of entries.
//
// V8 grows a Map by doubling its table, and past about 4,000 entries the table is a large object: each growth takes
// fresh memory (zeroed pages, which on the benchmark's VM are the slow part), and the old tables wait for the next
// full collection. Filing a 10,000-line file's 20,000 node shapes into one Map cost 6–9 ms there; in chunks of 4,096
// entries every table stays small and short-lived, and filing them costs 1–2 ms. Lookups try the chunks from the
// newest, which is where the inference looks (the nodes it just typed); a document's readers look up a few nodes.
// A new key is looked for in every chunk first, so the chunks are bounded: past MAX_CHUNKS the last one takes every
// further entry (a plain Map's growth again, for documents far beyond the benchmarks' 20,000 shapes), and a lookup
// never tries more than MAX_CHUNKS tables.
const CHUNK = 4096;
const MAX_CHUNKS = 16;

export class ChunkedMap<K, V> implements Map<K, V> {
  private readonly chunks: Map<K, V>[] = [new Map()];
  private count = 0;

  /** (Tests make the chunks small.) */
  constructor(private readonly chunkSize = CHUNK, private readonly maxChunks = MAX_CHUNKS) {}

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'ChunkedMap';
  }

  private chunkOf(key: K): Map<K, V> | undefined {
    const cs = this.chunks;
    for (let i = cs.length - 1; i >= 0; i--) if (cs[i]!.has(key)) return cs[i];
    return undefined;
  }

  get(key: K): V | undefined {
    const cs = this.chunks;
    for (let i = cs.length - 1; i >= 0; i--) {
      const v = cs[i]!.get(key);
      if (v !== undefined || cs[i]!.has(key)) return v;
    }
    return undefined;
  }

  has(key: K): boolean {
    return this.chunkOf(key) !== undefined;
  }

  set(key: K, value: V): this {
    const at = this.chunkOf(key);
    if (at) {
      at.set(key, value);
      return this;
    }
    let last = this.chunks[this.chunks.length - 1]!;
    if (last.size >= this.chunkSize && this.chunks.length < this.maxChunks) this.chunks.push((last = new Map()));
    last.set(key, value);
    this.count++;
    return this;
  }

  delete(key: K): boolean {
    const at = this.chunkOf(key);
    if (!at) return false;
    at.delete(key);
    this.count--;
    return true;
  }

  clear(): void {
    this.chunks.length = 0;
    this.chunks.push(new Map());
    this.count = 0;
  }

  forEach(f: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const c of this.chunks) for (const [k, v] of c) f.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[K, V]> {
    for (const c of this.chunks) yield* c.entries();
  }

  *keys(): MapIterator<K> {
    for (const c of this.chunks) yield* c.keys();
  }

  *values(): MapIterator<V> {
    for (const c of this.chunks) yield* c.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
