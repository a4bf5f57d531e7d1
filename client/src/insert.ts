// Writing a gradient into the document: through the server's versioned `mcalc.applyDerive`, so a stale edit is
// refused rather than applied to changed text. NumPy and LaTeX have no place in a .mcalc file: they go elsewhere.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { latexName } from '../../server/src/core';
import {
  APPLY_DERIVE_COMMAND, DERIVE_REQUEST, type ApplyDeriveArgs, type ApplyDeriveResult, type DeriveParams, type DeriveResponse,
  type InsertFormat, type PanelTarget,
} from '../../server/src/protocol';

/** `mcalc/derive` for the document as it is now (opening it, so the server has it). */
export async function requestDerive(client: LanguageClient, target: PanelTarget): Promise<{ document: vscode.TextDocument; response: DeriveResponse }> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const params: DeriveParams = { textDocument: { uri: target.uri, version: document.version }, of: target.of, wrt: target.wrt };
  const response = await client.sendRequest<DeriveResponse>(DERIVE_REQUEST, params);
  return { document, response };
}

/** `\frac{\partial f}{\partial X} = …`: what Copy LaTeX puts on the clipboard. */
export function latexEquation(of: string, wrt: string, latex: string): string {
  return `\\frac{\\partial ${latexName(of)}}{\\partial ${latexName(wrt)}} = ${latex}`;
}

export interface InsertOutcome {
  readonly applied: boolean;
  /** What the user was told, when something other than an insertion happened. */
  readonly message?: string;
}

/**
 * Inserts ∂f/∂X in the format asked for. `position` (the statement the command was invoked on) decides where;
 * without it the server puts it after the `grad` line or f's definition. A document that changed between our
 * reading its version and the server's applying the edit is refused by the server; we retry once on the new text.
 */
export async function insertGradient(
  client: LanguageClient, target: PanelTarget, format: InsertFormat, position?: vscode.Position,
): Promise<InsertOutcome> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  if (format !== 'mcalc' && document.languageId !== 'markdown') return elsewhere(client, target, format);
  for (let attempt = 0; ; attempt++) {
    const args: ApplyDeriveArgs = {
      uri: target.uri, version: document.version, of: target.of, wrt: target.wrt, format,
      ...(position ? { position: { line: position.line, character: position.character } } : {}),
    };
    try {
      const result = await client.sendRequest(ExecuteCommandRequest.type, { command: APPLY_DERIVE_COMMAND, arguments: [args] }) as ApplyDeriveResult | null;
      if (result?.applied) return { applied: true };
      const message = `mcalc: ∂${target.of}/∂${target.wrt} was not inserted: ${result?.failureReason ?? 'no answer from the server'}`;
      void vscode.window.showWarningMessage(message);
      return { applied: false, message };
    } catch (e) {
      // ContentModified: the text moved on under us (typing while clicking). The next attempt reads the new version.
      if (attempt === 0 && isContentModified(e)) continue;
      const message = `mcalc: ∂${target.of}/∂${target.wrt} was not inserted: ${e instanceof Error ? e.message : String(e)}`;
      void vscode.window.showWarningMessage(message);
      return { applied: false, message };
    }
  }
}

function isContentModified(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === -32801;
}

/** In a .mcalc file: NumPy opens as a new Python document beside it; LaTeX goes to the clipboard. */
async function elsewhere(client: LanguageClient, target: PanelTarget, format: InsertFormat): Promise<InsertOutcome> {
  const { response } = await requestDerive(client, target);
  const r = response.result;
  if (!r) {
    const message = `mcalc: no ∂${target.of}/∂${target.wrt}: ${response.error ?? 'unknown error'}`;
    void vscode.window.showWarningMessage(message);
    return { applied: false, message };
  }
  if (format === 'numpy') {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: r.numpy });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return { applied: false, message: 'opened the NumPy code as a new Python document' };
  }
  await vscode.env.clipboard.writeText(latexEquation(target.of, target.wrt, r.latex));
  const message = 'mcalc: a .mcalc file holds mcalc only; the LaTeX of the gradient is on the clipboard';
  void vscode.window.showInformationMessage(message);
  return { applied: false, message };
}
