// A note written purely in LaTeX math (the seed question): shapes on hover, and Derive inserting a checked LaTeX claim.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestedApi } from './helpers';
import { api, closeAll, hoverText, mcalcDiagnostics, open, positionOf, until } from './helpers';

suite('LaTeX math in Markdown', () => {
  let mcalc: TestedApi;
  suiteSetup(async () => {
    mcalc = await api();
  });
  teardown(closeAll);

  test('hover on S inside $…$ shows its shape', async () => {
    const editor = await open('latex-seed.md');
    const doc = editor.document;
    const onS = positionOf(doc, 'S=(B');
    const text = await until('a hover on S in math', async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, onS));
      return t.length > 0 ? t : undefined;
    });
    assert.match(text, /\(p·m\)×k/);
  });

  test('Derive ∂f/∂A in math inserts $$\\frac{∂f}{∂A} = …$$, which checks clean', async () => {
    const editor = await open('latex-seed.md');
    const doc = editor.document;
    const onF = positionOf(doc, 'f=\\mathbf');
    const actions = await until('derive actions in math', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', doc.uri, new vscode.Range(onF, onF), 'refactor.rewrite.mcalc.derive', 10,
      );
      return found.length > 0 ? found : undefined;
    });
    const deriveA = actions.find((a) => a.title === 'Derive ∂f/∂A');
    assert.ok(deriveA?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(deriveA.edit));
    assert.match(doc.getText(), /\$\$\\frac\{\\partial f\}\{\\partial A\} = .+\$\$/);
    // Applied, the action's edit opens the panel on ∂f/∂A (client/src/derive-actions.ts), as from the light bulb.
    await until('the panel on ∂f/∂A of the note', () => {
      const last = mcalc.test.panel.current()?.last;
      return last?.type === 'result' && last.target.of === 'f' && last.target.wrt === 'A' && last.target.uri === doc.uri.toString() || undefined;
    });
    await until('the note clean with its LaTeX claim', () => mcalcDiagnostics(doc.uri).length === 0 || undefined);
  });
});
