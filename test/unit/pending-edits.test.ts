// The derive action's edit, awaited until the editor reports it applied (client/src/pending-edits.ts): the panel opens
// for exactly that change, at the version after the one it was resolved for, and for nothing else.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PendingEdits, type Insertion } from '../../client/src/pending-edits';

const URI = 'file:///w/kronecker-trace.mcalc';
const CLAIM: Insertion = { start: { line: 8, character: 0 }, text: '∂f/∂A = tr₁((Bᵀ ⊗ I_m) (L + Lᵀ) S Hᵀ, q)\n' };
const sameValue = (a: string, b: string): boolean => a === b;

function waiting(...entries: [string, number, Insertion[], string][]): PendingEdits<string> {
  const p = new PendingEdits<string>(sameValue);
  for (const [uri, version, edits, value] of entries) p.add(uri, version, edits, value);
  return p;
}

test('the action\'s edit applied at the next version opens its target, once', () => {
  const p = waiting([URI, 3, [CLAIM], 'f/A']);
  assert.equal(p.applied(URI, 4, [CLAIM]), 'f/A');
  assert.equal(p.size, 0);
  assert.equal(p.applied(URI, 6, [CLAIM]), undefined, 'undo and redo do not open it again');
});

test('of several actions resolved together, the one applied wins and the others are dropped', () => {
  const claimB = { start: CLAIM.start, text: '∂f/∂B = …\n' };
  const p = waiting([URI, 3, [CLAIM], 'f/A'], [URI, 3, [claimB], 'f/B']);
  assert.equal(p.applied(URI, 4, [claimB]), 'f/B');
  assert.equal(p.size, 0);
});

test('the same text typed or inserted elsewhere, or at another version, opens nothing', () => {
  assert.equal(waiting([URI, 3, [CLAIM], 'f/A']).applied(URI, 4, [{ start: { line: 9, character: 0 }, text: CLAIM.text }]), undefined);
  assert.equal(waiting([URI, 3, [CLAIM], 'f/A']).applied(URI, 5, [CLAIM]), undefined);
  assert.equal(waiting([URI, 3, [CLAIM], 'f/A']).applied(URI, 4, [{ ...CLAIM, text: CLAIM.text.trim() }]), undefined);
  assert.equal(waiting([URI, 3, [CLAIM], 'f/A']).applied('file:///w/other.mcalc', 4, [CLAIM]), undefined);
  assert.equal(waiting([URI, 3, [CLAIM], 'f/A']).applied(URI, 4, [CLAIM, CLAIM]), undefined);
});

test('any other change to the document drops what waited for it; other documents keep theirs', () => {
  const other = 'file:///w/notes.md';
  const p = waiting([URI, 3, [CLAIM], 'f/A'], [other, 7, [CLAIM], 'g/X']);
  assert.equal(p.applied(URI, 4, [{ start: { line: 0, character: 0 }, text: 'x' }]), undefined);
  assert.equal(p.applied(URI, 5, [CLAIM]), undefined, 'typing first: the entry is gone');
  assert.equal(p.applied(other, 8, [CLAIM]), 'g/X');
});

test('a CRLF document reports the inserted line ending as \\r\\n', () => {
  const p = waiting([URI, 1, [CLAIM], 'f/A']);
  assert.equal(p.applied(URI, 2, [{ start: CLAIM.start, text: CLAIM.text.replace('\n', '\r\n') }]), 'f/A');
});

test('an edit of several parts matches in any order; a target resolved again replaces its entry', () => {
  const parts: Insertion[] = [{ start: { line: 2, character: 0 }, text: '$$\\frac{\\partial f}{\\partial A} = X$$\n' }, { start: { line: 2, character: 0 }, text: '\n' }];
  const p = waiting([URI, 1, parts, 'f/A']);
  p.add(URI, 2, parts, 'f/A');
  assert.equal(p.size, 1);
  assert.equal(p.applied(URI, 3, [...parts].reverse()), 'f/A');
});

test('only the last few unapplied entries are kept', () => {
  const p = new PendingEdits<string>(sameValue);
  for (let i = 0; i < 20; i++) p.add(`file:///w/${i}.mcalc`, 1, [CLAIM], `f${i}`);
  assert.equal(p.size, 8);
  assert.equal(p.applied('file:///w/0.mcalc', 2, [CLAIM]), undefined);
  assert.equal(p.applied('file:///w/19.mcalc', 2, [CLAIM]), 'f19');
});

test('an action without an edit for the document waits for nothing', () => {
  const p = waiting([URI, 1, [], 'f/A']);
  assert.equal(p.size, 0);
});
