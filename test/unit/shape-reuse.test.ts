// shape() hands back a shape it made lately for the same dims (core/shapes/shape.ts): it must never hand back one
// for other dims, and it must reuse the one just made (a long document writes m×n thousands of times).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import * as D from '../../server/src/core/shapes/dim';
import { shape, transposed } from '../../server/src/core/shapes/shape';

test('shape() gives the dims asked for, and the same object for the same dims made again soon after', () => {
  // Shared dims (size symbols, small numbers) and fresh ones (products, made anew each time).
  const dims = (k: number): D.Dim => (k < 20 ? D.symbol(`s${k}`) : k < 30 ? D.constant(k) : D.mul(D.symbol('a'), D.symbol('b')));
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(34), fc.nat(34)), { maxLength: 200 }), (pairs) => {
    for (const [r, c] of pairs) {
      const rows = dims(r);
      const cols = dims(c);
      const s = shape(rows, cols);
      assert.equal(s.rows, rows);
      assert.equal(s.cols, cols);
      assert.equal(shape(rows, cols), s);
      const t = transposed(s);
      assert.equal(t.rows, cols);
      assert.equal(t.cols, rows);
    }
  }), { numRuns: 200, seed: 11 });
});
