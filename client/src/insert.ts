// Writing a gradient into the document: through the server's versioned `mcalc.applyDerive`, so a stale edit is
// refused rather than applied to changed text. NumPy and LaTeX have no place in a .mcalc file: they go elsewhere.
import * as vscode from 'vscode';
import { latexName } from '../../server/src/core/print/latex-names';
import {
  APPLY_DERIVE_COMMAND, DERIVE_REQUEST, type ApplyDeriveArgs, type ApplyDeriveResult, type DeriveParams, type DeriveResponse,
  type InsertFormat, type PanelTarget,
} from '../../server/src/protocol';
import type { ServerClient } from './server-client';

/** LSP's workspace/executeCommand, by name: its type would bring vscode-languageclient into activation. */
const EXECUTE_COMMAND_REQUEST = 'workspace/executeCommand';

/**
 * The document a target names: open already, or (a file, a virtual file) opened again. An untitled document that
 * was closed is gone: undefined, rather than a new empty one under the same name.
 */
export async function findDocument(uri: string): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (open) return open;
  const parsed = vscode.Uri.parse(uri);
  if (parsed.scheme === 'untitled') return undefined;
  try {
    return await vscode.workspace.openTextDocument(parsed);
  } catch {
    return undefined;
  }
}

/** `mcalc/derive` for the document as it is now. */
export async function requestDerive(
  client: ServerClient, target: PanelTarget, document: vscode.TextDocument, token?: vscode.CancellationToken,
): Promise<DeriveResponse> {
  const params: DeriveParams = { textDocument: { uri: target.uri, version: document.version }, of: target.of, wrt: target.wrt };
  return client.sendRequest<DeriveResponse>(DERIVE_REQUEST, params, token);
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
  client: ServerClient, target: PanelTarget, format: InsertFormat, position?: vscode.Position,
): Promise<InsertOutcome> {
  const document = await findDocument(target.uri);
  if (!document) {
    const message = `mcalc: ∂${target.of}/∂${target.wrt} was not inserted: the document is closed or no longer exists`;
    void vscode.window.showWarningMessage(message);
    return { applied: false, message };
  }
  if (format !== 'mcalc' && document.languageId !== 'markdown') return elsewhere(client, target, format, document);
  for (let attempt = 0; ; attempt++) {
    // On the retry the text has moved: the cursor's position may name another statement, so the server places it.
    const at = attempt === 0 ? position : undefined;
    const args: ApplyDeriveArgs = {
      uri: target.uri, version: document.version, of: target.of, wrt: target.wrt, format,
      ...(at ? { position: { line: at.line, character: at.character } } : {}),
    };
    try {
      const result = await client.sendRequest<ApplyDeriveResult | null>(EXECUTE_COMMAND_REQUEST, { command: APPLY_DERIVE_COMMAND, arguments: [args] });
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
async function elsewhere(client: ServerClient, target: PanelTarget, format: InsertFormat, document: vscode.TextDocument): Promise<InsertOutcome> {
  const response = await requestDerive(client, target, document);
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
