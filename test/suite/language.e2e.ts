// Diagnostics, hover, quick fixes and semantic features through the real client and server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, errors, hoverText, lineStarting, mcalcDiagnostics, open, until } from './helpers';

suite('language features', () => {
  suiteSetup(async () => {
    await api();
  });
  teardown(closeAll);

  test('a clean .mcalc file gets no errors; a wrong size gets one on the exact range', async () => {
    const clean = await open('kronecker-trace.mcalc');
    const wrong = await open('wrong-sizes.mcalc');
    const [error] = await until('a diagnostic on wrong-sizes.mcalc', () => {
      const found = errors(wrong.document.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(error);
    assert.match(error.message, /q·n|k/);
    const flagged = wrong.document.getText(error.range);
    assert.ok(flagged.includes('⊗') || flagged.includes('H'), `flagged "${flagged}"`);
    assert.equal(errors(clean.document.uri).length, 0, 'kronecker-trace.mcalc is clean');
  });

  test('a quick fix transposes the operand and the file re-checks clean', async () => {
    const wrong = await open('wrong-sizes.mcalc');
    const [error] = await until('the size error', () => {
      const found = errors(wrong.document.uri);
      return found.length > 0 ? found : undefined;
    });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', wrong.document.uri, error!.range, vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.edit && /transpose|Hᵀ|H\b/i.test(a.title));
    assert.ok(fix?.edit, `a transpose fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await until('no errors after the fix', () => errors(wrong.document.uri).length === 0 && mcalcDiagnostics(wrong.document.uri));
  });

  test('Markdown: a size error in an mcalc block, using declarations from another block', async () => {
    const notes = await open('notes-wrong.md');
    const [error] = await until('a diagnostic in notes-wrong.md', () => {
      const found = errors(notes.document.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(notes.document.getText(error!.range).includes('X'), true, `flagged "${notes.document.getText(error!.range)}"`);
    assert.ok(error!.range.start.line >= 10, 'the error is in the second block');
  });

  test('hover shows the shape of a definition and of a sub-expression', async () => {
    const editor = await open('kronecker-trace.mcalc');
    const doc = editor.document;
    const onS = lineStarting(doc, 'S = (B');
    const text = await until('a hover on S', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, onS);
      const t = hoverText(hovers);
      return t.length > 0 ? t : undefined;
    });
    assert.match(text, /p·m/);
    assert.match(text, /k/);
    const onKron = lineStarting(doc, 'S = (B').translate(0, 'S = (B '.length);
    const kron = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, onKron));
    assert.match(kron, /q·n/, `hover on ⊗: ${kron}`);
  });

  test('document symbols, completion and semantic tokens come from the server', async () => {
    const editor = await open('kronecker-trace.mcalc');
    const doc = editor.document;
    const symbols = await until('document symbols', () =>
      vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri));
    const names = symbols.map((s) => s.name);
    for (const n of ['A', 'B', 'S', 'f']) assert.ok(names.some((x) => x.startsWith(n)), `${n} in the outline: ${names.join(', ')}`);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', doc.uri, lineStarting(doc, 'f = tr(').translate(0, 'f = '.length),
    );
    const labels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('A') && labels.includes('tr'), `completions: ${labels.slice(0, 30).join(', ')}`);
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
    assert.ok(legend.tokenTypes.includes('matrix'));
  });
});
