// Edits handed out by resolved code actions, waiting to be seen applied (derive-actions.ts says why). Pure: no
// `vscode` import, so the matching is unit-tested on its own.

export interface Place {
  readonly line: number;
  readonly character: number;
}

/** One text edit as the action carries it, or one content change as the editor reports it. */
export interface Insertion {
  readonly start: Place;
  readonly text: string;
}

interface Pending<T> {
  readonly uri: string;
  /** The document's version when the action was resolved: its edit applied makes the next one. */
  readonly version: number;
  readonly edits: readonly Insertion[];
  readonly value: T;
}

/** Resolved but never applied (previewed, or another was chosen): forgotten after this many newer ones. */
const KEEP = 8;

export class PendingEdits<T> {
  private pending: Pending<T>[] = [];

  /** `same(a, b)`: a and b wait for the same thing (a newer entry replaces the older). */
  constructor(private readonly same: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.pending.length;
  }

  /** `edits` may be applied to `uri` at `version`, for `value`; it replaces an earlier entry the same as it. */
  add(uri: string, version: number, edits: readonly Insertion[], value: T): void {
    if (edits.length === 0) return;
    const kept = this.pending.filter((p) => !(p.uri === uri && this.same(p.value, value)));
    this.pending = [...kept, { uri, version, edits: edits.map(toLf), value }].slice(-KEEP);
  }

  /**
   * A change of `uri` to `version`: the value whose edits it is exactly (same places, same text, one version on), if
   * any. Every entry for the document is dropped either way: after a change, none of them can apply as they were.
   */
  applied(uri: string, version: number, changes: readonly Insertion[]): T | undefined {
    if (!this.pending.some((p) => p.uri === uri)) return undefined;
    const mine = this.pending.filter((p) => p.uri === uri);
    this.pending = this.pending.filter((p) => p.uri !== uri);
    const made = changes.map(toLf);
    for (let i = mine.length - 1; i >= 0; i--) {
      const p = mine[i]!;
      if (p.version + 1 === version && sameEdits(p.edits, made)) return p.value;
    }
    return undefined;
  }

  clear(): void {
    this.pending = [];
  }
}

function sameEdits(a: readonly Insertion[], b: readonly Insertion[]): boolean {
  if (a.length !== b.length) return false;
  const key = (e: Insertion): string => `${e.start.line}:${e.start.character}:${e.text}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}

/** The editor inserts our `\n` as the document's line ending (`\r\n` in a CRLF file). */
function toLf(e: Insertion): Insertion {
  return e.text.includes('\r') ? { start: e.start, text: e.text.replace(/\r\n/g, '\n') } : e;
}
