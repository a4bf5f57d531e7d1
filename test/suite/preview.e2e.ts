// The Markdown preview: VS Code's own markdown-it pipeline (markdown.api.render) runs mcalc's plugin.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';

suite('Markdown preview', () => {
  suiteSetup(async () => {
    await api();
  });

  test('mcalc blocks are typeset with their shapes; other fences are left alone', async () => {
    const source = [
      '# Notes', '', '```mcalc', 'A : m × n', 'B : p × q', 'H : (q·n) × k', 'S = (B ⊗ A) H', '```', '',
      '```python', 'import numpy as np', '```', '',
    ].join('\n');
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', source);
    assert.match(html, /class="katex/, 'KaTeX markup');
    assert.match(html, /p·m|p \\cdot m|p⋅m/, 'the shape of S');
    assert.match(html, /language-python/);
    assert.match(html, /numpy/);
  });

  test('a shape error is marked in the preview, and hostile text stays text', async () => {
    const source = [
      '```mcalc', 'X : n × k', 'y : n', 'r = X y   # <img src=x onerror=alert(1)>', '```',
    ].join('\n');
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', source);
    assert.match(html, /mcalc[^"]*error/, 'an error class');
    assert.doesNotMatch(html, /<img/i);
  });
});
