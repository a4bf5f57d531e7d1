// The text kept as pieces (core/incremental/piece-text.ts) reads as the string it stands for, after any edits; and the
// server's documents built on it (lsp/piece-document.ts) count lines and positions as vscode-languageserver-textdocument
// does, for the same changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from '../../server/src/core/incremental/piece-text';
import { PieceDocument } from '../../server/src/lsp/piece-document';

const unit = fc.constantFrom('a', 'b', 'ᵀ', '\n', '\r', '\r\n', ' ');
const someText = fc.string({ unit, maxLength: 40 });
/** An edit as fractions of the text's length, so that it fits any text. */
const anEdit = fc.record({ a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), insert: someText });

test('a text kept as pieces reads as the string it stands for, after any edits', () => {
  fc.assert(fc.property(someText, fc.array(anEdit, { maxLength: 300 }), (start, edits) => {
    let s = start;
    let p = PieceText.of(start);
    const first = p;
    for (const e of edits) {
      const x = Math.floor(e.a * (s.length + 1));
      const y = x + Math.floor(e.b * (s.length - x + 1));
      s = s.slice(0, x) + e.insert + s.slice(y);
      p = p.edit(x, y, e.insert);
      assert.equal(p.length, s.length);
      const i = Math.floor(e.b * s.length);
      assert.equal(p.charCodeAt(i), s.charCodeAt(i));
      assert.equal(p.slice(x, i), s.slice(x, i));
      assert.equal(p.slice(i), s.slice(i));
    }
    // What changed since the first version, as one range: the rest is the first text's.
    const c = p.changeSince(first);
    assert.ok(c);
    assert.equal(start.slice(0, c.start) + s.slice(c.start, c.newEnd) + start.slice(c.oldEnd), s);
    assert.equal(p.toString(), s);
    assert.equal(p.slice(0, s.length), s);
  }), { numRuns: 300, seed: 7 });
});

test('a version not made from another one by edits: what changed is not known', () => {
  assert.equal(PieceText.of('abc').edit(1, 1, 'x').changeSince(PieceText.of('abc')), undefined);
});

test('documents kept as pieces count lines and positions as vscode-languageserver-textdocument does', () => {
  // Positions on the document's lines (a character past a line's end counts as its end); or the whole text anew.
  const place = fc.record({ line: fc.double({ min: 0, max: 0.999, noNaN: true }), character: fc.integer({ min: 0, max: 12 }) });
  const change = fc.oneof(fc.record({ from: place, to: place, text: someText }), fc.record({ text: someText }));
  fc.assert(fc.property(someText, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 30 }), (start, versions) => {
    let expected = TextDocument.create('file:///a.md', 'markdown', 0, start);
    const actual = PieceDocument.create('file:///a.md', 'markdown', 0, start);
    versions.forEach((changes, k) => {
      // Each change in the positions the one before it left.
      for (const c of changes) {
        const at = (p: { line: number; character: number }) => ({ line: Math.floor(p.line * expected.lineCount), character: p.character });
        const event = 'from' in c ? { range: { start: at(c.from), end: at(c.to) }, text: c.text } : { text: c.text };
        expected = TextDocument.update(expected, [event], k + 1);
        actual.update([event], k + 1);
      }
      const text = expected.getText();
      assert.equal(actual.getText(), text);
      assert.equal(actual.lineCount, expected.lineCount);
      for (let line = -1; line <= expected.lineCount; line++) {
        for (let character = 0; character < 6; character++) {
          assert.equal(actual.offsetAt({ line, character }), expected.offsetAt({ line, character }), `offset of ${line}:${character}`);
        }
        assert.deepEqual(actual.getLineRange(line), expected.getLineRange(line));
        assert.equal(actual.getEOLCharacters(line), expected.getEOLCharacters(line));
      }
      for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset));
      const range = { start: expected.positionAt(1), end: expected.positionAt(text.length - 1) };
      assert.equal(actual.getText(range), expected.getText(range));
    });
  }), { numRuns: 300, seed: 8 });
});
