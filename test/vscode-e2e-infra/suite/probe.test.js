// The probe's tests: the extension is activated in a real VS Code 1.100 and its command is registered.
/* global require, suite, test */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');

suite('vscode-e2e infra', () => {
  test('runs inside VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `vscode.version is ${vscode.version}`);
  });

  test('the probe extension activates and registers its command', async () => {
    const extension = vscode.extensions.getExtension('mcalc.vscode-e2e-infra');
    assert.ok(extension, 'the extension under development is loaded');
    const api = await extension.activate();
    assert.equal(typeof api.activatedAt, 'number');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('vscodeE2eInfra.hello'), 'vscodeE2eInfra.hello is registered');
    assert.equal(await vscode.commands.executeCommand('vscodeE2eInfra.hello'), 'hello from the probe');
  });
});
