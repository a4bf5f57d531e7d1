// First checks of the pipeline on the shared examples.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../server/src/core';

test('the kronecker example checks clean', () => {
  const a = analyze(readFileSync('examples/kronecker-trace.mcalc', 'utf8'));
  assert.deepEqual(a.diagnostics, []);
});
