// What changed between two versions of a text, as one replaced range, and how offsets and line starts move with it.
// However many edits came in between, the analysis only needs the span from the first changed character to the last.
import type { LineStarts } from '../documents/markdown';
import type { TextLike } from './piece-text';

/** [start, oldEnd) of the old text became [start, newEnd) of the new one; everything else is the same. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** How far offsets after the change move. */
export const shiftOf = (c: TextChange): number => c.newEnd - c.oldEnd;

const CHUNK = 4096;

/** The length of the common prefix of a and b, compared a chunk at a time (the engine compares chunks natively). */
function commonPrefix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i + CHUNK <= limit && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let k = 0;
  while (k + CHUNK <= limit && a.slice(a.length - k - CHUNK, a.length - k) === b.slice(b.length - k - CHUNK, b.length - k)) k += CHUNK;
  while (k < limit && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}

/** The one range in which the texts differ, or undefined when they are equal. */
export function diffText(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const start = commonPrefix(before, after, Math.min(before.length, after.length));
  const suffix = commonSuffix(before, after, Math.min(before.length, after.length) - start);
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

/** Two changes one after the other (`first` made the text `second` changed) as one change of the first text. */
export function composeChanges(first: TextChange, second: TextChange): TextChange {
  // The range, in the text between them, that either touched; its end is after both changes, so it maps back and on.
  const end = Math.max(first.newEnd, second.oldEnd);
  return { start: Math.min(first.start, second.start), oldEnd: end - (first.newEnd - first.oldEnd), newEnd: end + (second.newEnd - second.oldEnd) };
}

/**
 * Where an offset of the old text is in the new one: unchanged before the change, moved after it, and undefined
 * strictly inside the replaced range (nothing there survived). The ends of the range map to the ends of the new one.
 */
export function mapOffset(c: TextChange, offset: number): number | undefined {
  if (offset <= c.start) return offset;
  if (offset >= c.oldEnd) return offset + c.newEnd - c.oldEnd;
  return undefined;
}

/** The line starts of the new text, from the old text's: only the lines in the changed range are scanned. */
export function updateLineStarts(old: LineStarts, after: TextLike, c: TextChange): Uint32Array {
  // Lines that start up to the change stay; lines that started inside the old range are gone; the new range brings
  // its own; the rest move by the change's length.
  const kept = lineAt(old, c.start) + 1;
  let gone = kept;
  while (gone < old.length && old[gone]! <= c.oldEnd) gone++;
  const added: number[] = [];
  for (let i = c.start; i < c.newEnd; i++) if (after.charCodeAt(i) === 10) added.push(i + 1);
  const out = new Uint32Array(kept + added.length + old.length - gone);
  const from = ArrayBuffer.isView(old) ? (old as Uint32Array) : Uint32Array.from(old);
  out.set(from.subarray(0, kept));
  out.set(added, kept);
  const delta = c.newEnd - c.oldEnd;
  let k = kept + added.length;
  for (let j = gone; j < old.length; j++) out[k++] = old[j]! + delta;
  return out;
}

/** The zero-based line holding an offset, by binary search over the line starts. */
export function lineAt(starts: LineStarts, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
