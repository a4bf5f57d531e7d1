// The printers on every fixture: each well-formed statement printed as mcalc (Unicode and ASCII) parses
// back to the same tree, and its LaTeX renders in KaTeX.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import katex from 'katex';
import { analyze, parse, printStatement, printStatementLatex, type Statement } from '../../server/src/core';
import { statementSexpr } from '../helpers/sexpr';

const DIR = 'test/fixtures/diagnostics';

test('every statement of every fixture round-trips through both printers', () => {
  let checked = 0;
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.mcalc'))) {
    const a = analyze(readFileSync(`${DIR}/${file}`, 'utf8'), 'mcalc', { checkClaims: false });
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    const clean = (s: Statement): boolean => !errors.some((d) => d.span.start < s.end && s.start < d.span.end);
    for (const s of a.statements.filter(clean)) {
      for (const ascii of [false, true]) {
        const text = printStatement(s, { ascii });
        const back = parse(text);
        assert.deepEqual(back.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], `${file}: ${text}`);
        assert.equal(back.statements.length, 1, `${file}: ${text}`);
        assert.equal(statementSexpr(back.statements[0]!), statementSexpr(s), `${file}: ${text}`);
      }
      const tex = printStatementLatex(s);
      assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), `${file}: ${tex}`);
      checked++;
    }
  }
  assert.ok(checked > 200, `only ${checked} statements were checked`);
});
