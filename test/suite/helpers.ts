// Shared by the real-VS-Code tests: the extension's test API, the workspace's files, and polling (never fixed sleeps).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { McalcApi } from '../../client/src/api';

export const EXTENSION_ID = 'mcalc.mcalc';

/** The extension's API with its test part, which exists when the extension runs under test (not in production). */
export type TestedApi = McalcApi & { readonly test: NonNullable<McalcApi['test']> };

export async function api(): Promise<TestedApi> {
  const extension = vscode.extensions.getExtension<McalcApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  const exported = await extension.activate();
  const test = exported.test;
  assert.ok(test, 'the test API (the extension runs in test mode)');
  await test.whenServerReady();
  return { ...exported, test };
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

/** Polls until `probe` returns something truthy; fails with `what` after the timeout. */
export async function until<T>(what: string, probe: () => T | undefined | PromiseLike<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function mcalcDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mcalc');
}

export function errors(uri: vscode.Uri): vscode.Diagnostic[] {
  return mcalcDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

/** The position of the `nth` occurrence of `text` in the document. */
export function positionOf(document: vscode.TextDocument, text: string, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = document.getText().indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" occurs ${i + 1} times in ${document.uri.path}`);
  }
  return document.positionAt(at);
}

/** The start of the first line that begins with `prefix` (comments often quote the statements they precede). */
export function lineStarting(document: vscode.TextDocument, prefix: string): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.startsWith(prefix)) return new vscode.Position(line, 0);
  }
  assert.fail(`no line of ${document.uri.path} starts with "${prefix}"`);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
