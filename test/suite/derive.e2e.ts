// "Derive ∂f/∂A": the code action inserts the gradient, the panel shows it with a passing check, Insert writes it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToPanelMessage } from '../../server/src/protocol';
import type { TestedApi } from './helpers';
import { api, closeAll, EXTENSION_ID, errors, lineStarting, mcalcDiagnostics, open, until } from './helpers';

type Result = Extract<ToPanelMessage, { type: 'result' }>;

function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

function panelResult(mcalc: TestedApi, of: string, wrt: string): Promise<Result> {
  return until(`the panel's ∂${of}/∂${wrt}`, () => {
    const last = mcalc.test.panel.current()?.last;
    return last?.type === 'result' && last.target.of === of && last.target.wrt === wrt ? last : undefined;
  }, 20_000);
}

suite('derive', () => {
  let mcalc: TestedApi;
  suiteSetup(async () => {
    mcalc = await api();
  });
  teardown(closeAll);

  test('the code action on f inserts ∂f/∂A, opens the panel with a passing check, and the file stays clean', async () => {
    const editor = await open('kronecker-trace.mcalc');
    const doc = editor.document;
    await until('diagnostics for kronecker-trace.mcalc', () => mcalcDiagnostics(doc.uri) && errors(doc.uri).length === 0);
    const onF = lineStarting(doc, 'f = tr');
    const actions = await until('derive actions on f', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', doc.uri, new vscode.Range(onF, onF), 'refactor.rewrite.mcalc.derive', 10,
      );
      return found.length > 0 ? found : undefined;
    });
    // f depends on every declared symbol: one action per variable, in declaration order.
    assert.deepEqual(actions.map((a) => a.title), ['Derive ∂f/∂A', 'Derive ∂f/∂B', 'Derive ∂f/∂H', 'Derive ∂f/∂L']);
    const action = actions[0]!;
    assert.ok(action.edit, 'the action carries its edit (resolved)');
    // No command: VS Code loses a command's arguments when a newer list of actions arrives while the chosen one is
    // resolved; the extension opens the panel when the edit is applied instead (client/src/derive-actions.ts).
    assert.equal(action.command, undefined);
    assert.equal(mcalc.test.panel.current(), undefined, 'resolving an action shows nothing');
    assert.ok(await vscode.workspace.applyEdit(action.edit));

    const line = doc.lineAt(onF.line + 1).text;
    assert.match(line, /^∂f\/∂A = /, `inserted: ${line}`);
    const shown = await panelResult(mcalc, 'f', 'A');
    const r = shown.response.result;
    assert.ok(r, `a result: ${shown.response.error ?? ''}`);
    assert.equal(r.shape, 'm×n');
    assert.match(r.latex, /\\operatorname\{tr\}_\{1\}/);
    assert.equal(r.check?.passed, true, r.check?.summary);
    assert.ok(r.check?.compared && r.check.compared.symbolic.length === r.check.compared.numeric.length);
    assert.deepEqual(shown.response.symbols.map((s) => s.name), ['A', 'B', 'H', 'L']);
    // The webview may load only the extension's built assets.
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    assert.deepEqual(mcalc.test.panel.webview()?.localResourceRoots, [path.join(root, 'dist'), path.join(root, 'media')]);
    // The inserted claim is checked numerically like any claim: spoil it and the server disagrees; undo and it agrees.
    await until('a clean file with the claim', () => mcalcDiagnostics(doc.uri).length === 0 || undefined);
    const claim = doc.lineAt(onF.line + 1);
    assert.ok(await editor.edit((e) => e.insert(claim.range.end, ' + A')));
    await until('W401 on the spoiled claim', () => mcalcDiagnostics(doc.uri).find((d) => codeOf(d) === 'W401'));
    await vscode.commands.executeCommand('undo');
    await until('clean again after undo', () => mcalcDiagnostics(doc.uri).length === 0 || undefined);
  });

  test('the panel follows the document: an edit that breaks f shows the error, undo brings the result back', async () => {
    const editor = await open('kronecker-trace.mcalc');
    await vscode.commands.executeCommand('mcalc.showGradient', { uri: editor.document.uri.toString(), of: 'f', wrt: 'B' });
    await panelResult(mcalc, 'f', 'B');
    const at = lineStarting(editor.document, 'S = (B ⊗ A) H');
    await editor.edit((e) => e.insert(at.translate(0, 'S = (B ⊗ A) H'.length), 'ᵀ'));
    await until('the panel showing the error', () => {
      const last = mcalc.test.panel.current()?.last;
      return last?.type === 'result' && last.response.error ? last : undefined;
    });
    await vscode.commands.executeCommand('undo');
    const back = await until('the result again', () => {
      const last = mcalc.test.panel.current()?.last;
      return last?.type === 'result' && last.response.result ? last : undefined;
    });
    assert.equal(back.response.result?.check?.passed, true);
  });

  test('Insert from the panel writes ∂f/∂w into the Markdown block, inserting only', async () => {
    const editor = await open('least-squares.md');
    const doc = editor.document;
    const onF = lineStarting(doc, 'f = ‖');
    editor.selection = new vscode.Selection(onF, onF);
    // The cursor is on f's definition, which depends on X, y and w: the quick pick asks for one; the panel can also
    // be opened directly, as the code action does.
    await vscode.commands.executeCommand('mcalc.showGradient', { uri: doc.uri.toString(), of: 'f', wrt: 'w' });
    const shown = await panelResult(mcalc, 'f', 'w');
    assert.equal(shown.languageId, 'markdown');
    assert.equal(shown.response.result?.check?.passed, true);
    const before = doc.getText();
    await mcalc.test.panel.receive({ type: 'insert', format: 'mcalc' });
    const after = await until('the inserted line', () => (doc.getText() !== before ? doc.getText() : undefined));
    // An insertion only: every line the user wrote is still there, in order, and the claim sits inside the block.
    assert.equal(after.replace(/^∂f\/∂w = .*\n/m, ''), before);
    const lines = after.split('\n');
    const claim = lines.findIndex((l) => l.startsWith('∂f/∂w = '));
    assert.ok(claim > 0 && lines[claim + 1] === '```', `claim at line ${claim}: ${after}`);
    await until('the note re-checked clean', () => errors(doc.uri).length === 0 && mcalcDiagnostics(doc.uri));

    // Insert LaTeX: a $$…$$ paragraph after the block, itself read back as a claim and checked.
    const withClaim = doc.getText();
    await mcalc.test.panel.receive({ type: 'insert', format: 'latex' });
    const latex = await until('the LaTeX paragraph', () => (doc.getText() !== withClaim ? doc.getText() : undefined));
    assert.match(latex, /\n```\n\n\$\$\\frac\{\\partial f\}\{\\partial w\} = .+\$\$\n/);
    assert.ok(latex.startsWith(withClaim.slice(0, withClaim.lastIndexOf('```'))), 'the user text before is untouched');
    await until('clean with the LaTeX claim', () => mcalcDiagnostics(doc.uri).length === 0 || undefined);
  });

  test('Derive Gradient… takes f and X from the claim under the cursor, in an untitled document too', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'mcalc', content: 'x : ℝ^n\nA : n × n\nf = xᵀ A x\n∂f/∂x = (A + Aᵀ) x\n',
    });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(3, 2, 3, 2);
    await vscode.commands.executeCommand('mcalc.deriveGradient');
    const shown = await panelResult(mcalc, 'f', 'x');
    assert.equal(shown.target.uri, doc.uri.toString());
    assert.equal(shown.response.result?.check?.passed, true);
  });

  test('a stale insertion is refused, never applied to changed text', async () => {
    const editor = await open('least-squares.md');
    const doc = editor.document;
    const stale = doc.version;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '<!-- typed -->\n'));
    // The language client turns the server's ContentModified answer into an empty result (or an error).
    const answer = await vscode.commands.executeCommand<{ applied?: boolean } | undefined>(
      'mcalc.applyDerive', { uri: doc.uri.toString(), version: stale, of: 'f', wrt: 'w' },
    ).then((r) => r, () => undefined);
    assert.notEqual(answer?.applied, true);
    assert.ok(!doc.getText().includes('∂f/∂w'), 'nothing inserted');
    // The same request for the current version does insert: the refusal was about staleness, not the request.
    const fresh = await vscode.commands.executeCommand<{ applied?: boolean }>(
      'mcalc.applyDerive', { uri: doc.uri.toString(), version: doc.version, of: 'f', wrt: 'w' },
    );
    assert.equal(fresh?.applied, true);
    assert.ok(doc.getText().includes('∂f/∂w = '));
  });
});
