// Where offsets of an older version of a text are now, after edits that each moved what followed them — asked only of
// places no edit touched (the mcalc and math of a note after edits in its prose).
//
// A step function: from each step's offset (in the old text) on, up to the next step, a position moved by its shift.
import type { TextChange } from './text-change';

export class Moves {
  static readonly none = new Moves([], []);

  /** `at` ascending; `shift[i]` holds from `at[i]` on. */
  private constructor(private readonly at: readonly number[], private readonly shift: readonly number[]) {}

  get identity(): boolean {
    return this.at.length === 0;
  }

  offset(x: number): number {
    let lo = 0;
    let hi = this.at.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.at[mid]! <= x) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? x : x + this.shift[found]!;
  }

  /** These moves, then an edit of the text as they leave it (positions after the edit move; those before it do not). */
  then(c: TextChange): Moves {
    const d = c.newEnd - c.oldEnd;
    if (d === 0) return this;
    // The first position (now) that moves: after the replaced range (an insertion leaves its own offset in place).
    const t = c.oldEnd > c.start ? c.oldEnd : c.start + 1;
    // The first old offset that is now at t or after.
    let first = t;
    for (let i = -1; i < this.at.length; i++) {
      const from = i < 0 ? -Infinity : this.at[i]!;
      // Before a step where the shift drops, the last positions of this segment were replaced (they would land among the
      // next segment's): no untouched offset is there.
      const to = i + 1 < this.at.length ? this.at[i + 1]! - Math.max(0, (i < 0 ? 0 : this.shift[i]!) - this.shift[i + 1]!) : Infinity;
      const x = Math.max(from, t - (i < 0 ? 0 : this.shift[i]!));
      if (x < to) {
        first = x;
        break;
      }
    }
    const at: number[] = [];
    const shift: number[] = [];
    let inserted = false;
    for (let i = 0; i <= this.at.length; i++) {
      const a = i < this.at.length ? this.at[i]! : Infinity;
      if (!inserted && first <= a) {
        if (first < a) {
          at.push(first);
          shift.push((i > 0 ? this.shift[i - 1]! : 0) + d);
        }
        inserted = true;
      }
      if (i < this.at.length) {
        at.push(a);
        shift.push(this.shift[i]! + (a >= first ? d : 0));
      }
    }
    return new Moves(at, shift);
  }
}
