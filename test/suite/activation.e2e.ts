// The extension activates in a real VS Code, registers its commands and languages, and starts its server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, open } from './helpers';

suite('activation', () => {
  test('runs inside VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `vscode.version is ${vscode.version}`);
  });

  test('activates on a .mcalc file and starts the language server', async () => {
    const editor = await open('kronecker-trace.mcalc');
    assert.equal(editor.document.languageId, 'mcalc');
    const mcalc = await api();
    assert.ok(mcalc.test.activationMs >= 0);
    // For npm run bench (BENCHMARKS.md): the activation time measured in this real VS Code.
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const results = path.join(extension.extensionPath, 'test-results');
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, 'vscode-activation.json'), JSON.stringify({
      activationMs: mcalc.test.activationMs, loadMs: mcalc.test.loadMs, vscode: vscode.version, measuredAt: new Date().toISOString(),
    }, null, 2));
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
