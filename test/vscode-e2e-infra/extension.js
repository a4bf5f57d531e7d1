// The probe extension: registers one command, so the suite can see it was activated in a real VS Code.
/* global require, exports */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const vscode = require('vscode');

exports.activate = function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('vscodeE2eInfra.hello', () => {
    // Not awaited: it settles only when the notification is dismissed. A UI test looks for it.
    void vscode.window.showInformationMessage('hello from the probe');
    return 'hello from the probe';
  }));
  // What a real extension's test API looks like: returned from activate(), read by the suite.
  return { activatedAt: Date.now() };
};

exports.deactivate = function deactivate() {};
