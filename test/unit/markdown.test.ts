// The Markdown mapping: which fences are mcalc, one scope across blocks, and positions in the Markdown file's own lines.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, LineIndex } from '../../server/src/core';
import { lineStarts, scanLines, scanMarkdown } from '../../server/src/core/documents/markdown';

/** Each diagnostic as `LINE:COL-LINE:COL CODE «covered text»`, 0-based as LSP counts. */
function located(text: string): string[] {
  const index = new LineIndex(text);
  return analyze(text, 'markdown').diagnostics.map((d) => {
    const s = index.position(d.span.start);
    const e = index.position(d.span.end);
    return `${s.line}:${s.character}-${e.line}:${e.character} ${d.code} «${text.slice(d.span.start, d.span.end).replace(/\r/g, '')}»`;
  });
}

const fixture = (name: string): string => readFileSync(`test/fixtures/markdown/${name}`, 'utf8');
const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** Expected diagnostics of each Markdown fixture (0-based lines and columns of the .md file). */
const EXPECTED: Record<string, string[]> = {
  // A use in block 1 of C, declared in block 2, is an error; block 2's use of A (block 1) is fine.
  'shared-scope.md': [
    '6:6-6:7 E101 «C»',
    '20:17-20:18 E101 «B»',
  ],
  // ~~~mcalc, a fence in a list item, in a blockquote, in a numbered item with an info string, and an
  // unclosed fence at the end; the python fence, the indented code block and the prose are ignored.
  'fences.md': [
    '19:8-19:9 E211 «+»',
    '26:6-26:10 E201 «C Aᵀ»',
    '33:7-33:10 E201 «A A»',
    '38:4-38:5 E002 «(»',
  ],
  // The last fence runs to the end of the file; its dangling '+' is reported at the very end.
  'unclosed-fence.md': [
    '9:4-9:7 E201 «A A»',
    '10:7-10:7 E001 «»',
  ],
};

describe('Markdown fixtures', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    test(name, () => assert.deepEqual(located(fixture(name)), expected));
    test(`${name} with CRLF line endings: the same lines and columns`, () => {
      const text = crlf(fixture(name));
      assert.ok(text.includes('\r\n'));
      assert.deepEqual(located(text), expected);
    });
  }
});

describe('Markdown regions', () => {
  test('the regions of fences.md: fence lines, container prefixes, closed or not', () => {
    const a = analyze(fixture('fences.md'), 'markdown');
    assert.deepEqual(a.regions?.map((r) => [r.fenceLine, r.firstLine, r.prefixes, r.closed]), [
      [10, 11, [0, 0], true],
      [17, 18, [2, 2], true],
      [24, 25, [2, 2], true],
      [31, 32, [3, 3], true],
      [36, 37, [0, 0], false],
    ]);
  });

  test('the shared example derivation-notes.md checks clean, and its blocks share one scope', () => {
    const a = analyze(readFileSync('examples/derivation-notes.md', 'utf8'), 'markdown');
    assert.deepEqual(a.diagnostics, []);
    assert.equal(a.regions?.length, 3);
    assert.deepEqual([...a.symbols.keys()], ['A', 'B', 'H', 'L', 'S', 'f', 'G']);
  });

  test('a note without mcalc fences has no diagnostics, whatever its prose and other fences hold', () => {
    const text = '# Title\n\nA : m x n and B = A A.\n\n```python\nB = A A\n```\n\n```\nC = 1 +\n```\n\n    D = (\n';
    assert.deepEqual(located(text), []);
    assert.deepEqual(analyze(text, 'markdown').regions, []);
  });

  test('info strings: case and spacing do not matter, other languages are not mcalc', () => {
    const text = '```MCALC\nA : m x n\nB = A A\n```\n```mcalcx\nC = A A\n```\n``` mcalc\nD = A A\n```\n';
    assert.deepEqual(located(text), ['2:4-2:7 E201 «A A»', '8:4-8:7 E201 «A A»']);
  });

  test('an unclosed bracket in one block does not reach into the next block', () => {
    const text = '```mcalc\nA : m x n\nB = (A\n```\n\nprose )\n\n```mcalc\nC = A A\n```\n';
    assert.deepEqual(located(text), ['2:4-2:5 E002 «(»', '8:4-8:7 E201 «A A»']);
  });

  test('nested containers and tabs: columns count the container prefix', () => {
    assert.deepEqual(located('> > ```mcalc\n> > A : m x n\n> > B = A A\n> > ```\n'), ['2:8-2:11 E201 «A A»']);
    assert.deepEqual(located('- item\n\n\t```mcalc\n\tA : m x n\n\tB = A A\n\t```\n'), ['4:5-4:8 E201 «A A»']);
  });

  test('a .md file analysed as mcalc is not masked (the language id decides)', () => {
    const text = '```mcalc\nA : m x n\n```\n';
    assert.ok(analyze(text, 'mcalc').diagnostics.length > 0);
    assert.deepEqual(analyze(text, 'markdown').diagnostics, []);
  });
});

describe('a long note is scanned a part at a time, cut where CommonMark starts afresh', () => {
  const mdFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md')).map((f) => join(dir, f));
  /** Blocks that run over blank lines or hold containers: each may straddle where a part would end. */
  const BLOCKS = [
    'Prose with $A \\in \\mathbb{R}^{n}$ math.', '```mcalc\nA : n × n\n\nf = tr(A)\n```', '```mcalc\nB : m × m', '```\n\n```',
    '> quoted\n>\n> ```mcalc\n> C = A\n> ```', '- item\n\n  continued\n\n  ```mcalc\n  D = A\n  ```', '    indented\n\n    code',
    '<!--\n\ncomment\n\n-->', '<div>\n\nhtml\n</div>', '# Heading', 'Setext\n===', '~~~mcalc\nE = A\n\n~~~', '', '', 'text\r\nwith CR\r',
    // Found by review: at markdown-it's nesting limit it stops reading, to the end of what it was given.
    `${'- '.repeat(10)}deep`, `${'> '.repeat(12)}deep quote`,
    // Longer than half of most parts below: no cut inside them, so the part is read again, twice as long.
    `\`\`\`\n${'code\n\n'.repeat(30)}\`\`\``, `- long item\n${'\n  more\n'.repeat(30)}`,
  ];
  test('every fixture, example and generated note: parts of any length give the one-pass scan', () => {
    const texts = [...mdFiles('test/fixtures'), ...mdFiles('examples')].map((f) => readFileSync(f, 'utf8'));
    const random = fc.sample(fc.array(fc.constantFrom(...BLOCKS), { minLength: 5, maxLength: 60 }), { numRuns: 200, seed: 7 });
    texts.push(...random.map((bs) => bs.join('\n\n')), ...random.map((bs) => bs.join('\n')));
    for (const text of texts) {
      const starts = lineStarts(text);
      const whole = scanLines(text, starts, 0, starts.length);
      for (const part of [2, 3, 5, 8, 13, 40]) assert.deepStrictEqual(scanMarkdown(text, starts, part), whole, `parts of ${part} lines`);
    }
  });
});
