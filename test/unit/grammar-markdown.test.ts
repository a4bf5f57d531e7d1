// The Markdown injection (syntaxes/mcalc-markdown-injection.tmLanguage.json): mcalc colours exactly on the lines the
// core reads as mcalc, under a stand-in for VS Code's Markdown grammar and, when installed, under the real one.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core';
import { loadGrammar, MARKDOWN_STUB, tokenize, VSCODE_MARKDOWN, type Token } from '../helpers/textmate';

/** The Markdown fixtures and the project's own Markdown (the docs are full of fences, mcalc and not). */
const markdownFiles = (): string[] => ['examples', 'test/fixtures/markdown', 'test/fixtures/latex', 'test/fixtures/grammar', 'docs']
  .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => join(dir, f)))
  .concat('README.md')
  .sort();

/** Zero-based lines the core reads as mcalc in a Markdown text: the content lines of its regions. */
function coreMcalcLines(text: string): number[] {
  const lines: number[] = [];
  for (const r of analyze(text, 'markdown').regions ?? []) {
    r.prefixes.forEach((_, i) => lines.push(r.firstLine + i));
  }
  return lines;
}

/** Zero-based lines with a non-blank token that the grammar embeds as mcalc. */
function grammarMcalcLines(tokens: readonly Token[]): number[] {
  const lines = new Set<number>();
  for (const t of tokens) if (t.text.trim() !== '' && t.scopes.includes('meta.embedded.block.mcalc')) lines.add(t.line);
  return [...lines].sort((a, b) => a - b);
}

/** Whether a line holds anything but blanks and the container's `>` marks. */
const hasContent = (text: string, line: number): boolean => /[^\s>]/.test(text.split('\n')[line] ?? '');

const markdownGrammars: ReadonlyArray<readonly [string, string, { skip?: string }]> = [
  ['the Markdown stand-in of test/fixtures/grammar', MARKDOWN_STUB, {}],
  ["VS Code's own Markdown grammar", VSCODE_MARKDOWN,
    // npm test installs code-server first; under CI a missing install is a failure, not a skip.
    existsSync(VSCODE_MARKDOWN) || process.env.CI ? {} : { skip: 'code-server is not installed (node scripts/vscode-e2e/install.mjs)' }],
];

for (const [label, markdownPath, options] of markdownGrammars) {
  describe(`the Markdown injection (markdown.mcalc.codeblock) under ${label}`, options, () => {
    test('the lines embedded as mcalc are the lines the core reads as mcalc, in every Markdown fixture', async () => {
      const grammar = await loadGrammar('text.html.markdown', markdownPath);
      let regions = 0;
      for (const file of markdownFiles()) {
        const text = readFileSync(file, 'utf8');
        const core = coreMcalcLines(text).filter((l) => hasContent(text, l));
        assert.deepEqual(grammarMcalcLines(tokenize(grammar, text)), core, file);
        regions += core.length;
      }
      assert.ok(regions >= 20, 'the fixtures hold mcalc fences');
    });

    test('a fence: its markers, its language, and mcalc scopes inside', async () => {
      const grammar = await loadGrammar('text.html.markdown', markdownPath);
      const tokens = tokenize(grammar, 'Text A : m x n\n\n~~~ mcalc {.x}\nA : m × n # c\n~~~\n');
      const scoped = (text: string, line: number): readonly string[] => tokens.find((t) => t.line === line && t.text.trim() === text)?.scopes ?? [];
      assert.ok(!tokens.some((t) => t.line === 0 && t.scopes.some((s) => s.endsWith('.mcalc'))), 'prose is not mcalc');
      assert.deepEqual(scoped('~~~', 2).at(-1), 'punctuation.definition.markdown');
      assert.deepEqual(scoped('mcalc', 2).at(-1), 'fenced_code.block.language.markdown');
      assert.deepEqual(scoped('{.x}', 2).at(-1), 'fenced_code.block.language.attributes.markdown');
      assert.deepEqual(scoped('A', 3).slice(-4), [
        'markup.fenced_code.block.markdown', 'meta.embedded.block.mcalc', 'meta.declaration.mcalc', 'entity.name.variable.declaration.mcalc',
      ]);
      assert.deepEqual(scoped('×', 3).at(-1), 'keyword.operator.times.mcalc');
      assert.deepEqual(scoped('c', 3).at(-1), 'comment.line.number-sign.mcalc');
      assert.deepEqual(scoped('~~~', 4).at(-1), 'punctuation.definition.markdown');
      assert.ok(!scoped('~~~', 4).includes('meta.embedded.block.mcalc'));
    });

    test('fences in a list and in a quote; other languages are not mcalc', async () => {
      const grammar = await loadGrammar('text.html.markdown', markdownPath);
      const text = '- item\n\n  ```mcalc\n  C = A B\n  ```\n\n> ```mcalc\n> E = Aᵀ C\n> ```\n\n```python\nA = B + 1\n```\n';
      const tokens = tokenize(grammar, text);
      const at = (line: number, text: string): string | undefined => tokens.find((t) => t.line === line && t.text === text)?.scopes.at(-1);
      assert.equal(at(3, 'C'), 'entity.name.variable.definition.mcalc');
      assert.equal(at(7, 'E'), 'entity.name.variable.definition.mcalc');
      assert.equal(at(7, 'ᵀ'), 'keyword.operator.transpose.mcalc');
      assert.ok(!tokens.some((t) => t.line === 11 && t.scopes.some((s) => s.endsWith('.mcalc'))), 'the python fence is not mcalc');
      assert.deepEqual(grammarMcalcLines(tokens), [3, 7]);
    });
  });
}
