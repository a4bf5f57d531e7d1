// The uses of the matrix symbols, by name: written down in order while the scope runs, grouped the first time they
// are read. A long document has tens of thousands of uses and most analyses are never asked for them (rename,
// references, hover read them; the diagnostics do not), so one list of uses is kept instead of one list per name: no
// table lookup per use, and a few arrays for the collector instead of one per name.
//
// The list is kept in chunks of a fixed length: one array of 250,000 uses (a 100,000-line file) would be grown by
// copying, each time into a large object of fresh pages, and recording the uses grew 24× from 10,000 to 100,000 lines.
import type { Span } from './syntax/span';

const CHUNK = 4096;

export class References implements ReadonlyMap<string, Span[]> {
  /** Full chunks, then the one being filled (last). */
  private readonly names: string[][] = [[]];
  private readonly spans: Span[][] = [[]];
  private grouped: Map<string, Span[]> | undefined;

  /** Tests make the chunks small. */
  constructor(private readonly chunk = CHUNK) {}

  /** Records a use (in document order, as the scope meets them). */
  add(name: string, span: Span): void {
    if (this.grouped) {
      // Read already (the scope does not read its own uses, so not today): the grouped lists are the uses now.
      const list = this.grouped.get(name);
      if (list) list.push(span);
      else this.grouped.set(name, [span]);
      return;
    }
    let names = this.names[this.names.length - 1]!;
    if (names.length === this.chunk) {
      this.names.push((names = []));
      this.spans.push([]);
    }
    names.push(name);
    this.spans[this.spans.length - 1]!.push(span);
  }

  /** Names in the order of their first use, each with its uses in the order they were added (as a Map would hold them). */
  private byName(): Map<string, Span[]> {
    if (this.grouped) return this.grouped;
    const out = new Map<string, Span[]>();
    for (let c = 0; c < this.names.length; c++) {
      const names = this.names[c]!;
      const spans = this.spans[c]!;
      for (let i = 0; i < names.length; i++) {
        const list = out.get(names[i]!);
        if (list) list.push(spans[i]!);
        else out.set(names[i]!, [spans[i]!]);
      }
    }
    // Once grouped, the chunks are not read again: the analysis keeps the grouped lists only.
    this.names.length = 0;
    this.spans.length = 0;
    return (this.grouped = out);
  }

  get size(): number { return this.byName().size; }
  get(name: string): Span[] | undefined { return this.byName().get(name); }
  has(name: string): boolean { return this.byName().has(name); }
  forEach(f: (value: Span[], key: string, map: ReadonlyMap<string, Span[]>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.byName()) f.call(thisArg, v, k, this);
  }
  entries(): MapIterator<[string, Span[]]> { return this.byName().entries(); }
  keys(): MapIterator<string> { return this.byName().keys(); }
  values(): MapIterator<Span[]> { return this.byName().values(); }
  [Symbol.iterator](): MapIterator<[string, Span[]]> { return this.byName()[Symbol.iterator](); }
}
