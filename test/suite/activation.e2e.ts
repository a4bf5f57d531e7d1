// The extension activates in a real VS Code, registers its commands and languages, and starts its server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, open } from './helpers';

suite('activation', () => {
  test('runs inside VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `vscode.version is ${vscode.version}`);
  });

  test('activates on a .mcalc file and starts the language server', async () => {
    const editor = await open('kronecker-trace.mcalc');
    assert.equal(editor.document.languageId, 'mcalc');
    const mcalc = await api();
    const info = await mcalc.test.serverInfo();
    assert.ok(info.pid > 0, `server pid ${info.pid}`);
    assert.match(info.version, /^\d+\.\d+\.\d+/);
  });

  test('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['mcalc.deriveGradient', 'mcalc.showGradientPanel', 'mcalc.showGradient', 'mcalc.insertGradientMcalc',
      'mcalc.insertGradientLatex', 'mcalc.insertGradientNumpy', 'mcalc.restartServer']) {
      assert.ok(commands.includes(c), `${c} is registered`);
    }
  });

  test('knows the mcalc language', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('mcalc'));
  });
});
