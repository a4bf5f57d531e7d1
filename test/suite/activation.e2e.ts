// The extension activates in a real VS Code, registers its commands and languages, and starts its server.
import * as assert from 'node:assert/strict';
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
    assert.ok(mcalc.test.loadMs >= 0 && mcalc.test.activationMs >= mcalc.test.loadMs);
    const { readyMs, clientLoadMs } = await mcalc.test.serverReadyTimes();
    // The client is loaded after activate() returns, and the server answers after that.
    assert.ok(clientLoadMs > 0 && readyMs > mcalc.test.activationMs + clientLoadMs, `ready ${readyMs} ms, client loaded in ${clientLoadMs} ms`);
    const info = await mcalc.test.serverInfo();
    assert.ok(info.pid > 0, `server pid ${info.pid}`);
    assert.match(info.version, /^\d+\.\d+\.\d+/);
  });

  test('loads the Markdown preview plugin and the quick pick\'s analysis only when they are first used', async () => {
    await api();
    // Module paths are this extension host's (one process): what any extension has required so far.
    const dist = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist');
    const loaded = (file: string): boolean => require.cache[path.join(dist, file)] !== undefined;
    assert.ok(loaded('extension.js') && loaded('language-client.js'), 'the extension and its language client are loaded');
    // No Markdown has been opened and nothing derived yet (this suite runs first).
    assert.equal(loaded('preview.js'), false, 'dist/preview.js is not loaded by activation');
    assert.equal(loaded('targets.js'), false, 'dist/targets.js is not loaded by activation');
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
