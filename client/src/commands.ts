// The palette and context-menu commands: derive (with a quick pick), show the panel, insert, restart the server.
import * as vscode from 'vscode';
import { SHOW_GRADIENT_COMMAND, type InsertFormat, type PanelTarget, type ShowGradientArgs } from '../../server/src/protocol';
import { targetsBundle } from './bundles';
import { insertGradient } from './insert';
import type { GradientPanel } from './panel/controller';
import type { ServerClient } from './server-client';

export const COMMANDS = {
  derive: 'mcalc.deriveGradient',
  showPanel: 'mcalc.showGradientPanel',
  insertMcalc: 'mcalc.insertGradientMcalc',
  insertLatex: 'mcalc.insertGradientLatex',
  insertNumpy: 'mcalc.insertGradientNumpy',
  restart: 'mcalc.restartServer',
} as const;

/** ∂f/∂X for the active editor: the statement under the cursor decides f when it can, a quick pick the rest. */
export async function pickTarget(editor: vscode.TextEditor | undefined): Promise<{ target: PanelTarget; fromCursor: boolean } | undefined> {
  if (!editor || !['mcalc', 'markdown'].includes(editor.document.languageId)) {
    void vscode.window.showInformationMessage('mcalc: open a .mcalc file or a Markdown note to derive a gradient.');
    return undefined;
  }
  const doc = editor.document;
  // The core is loaded here, on the first use: the quick pick needs no round trip to the server.
  const found = targetsBundle().derivables(doc.getText(), doc.languageId, doc.offsetAt(editor.selection.active));
  if (found.functions.length === 0) {
    void vscode.window.showInformationMessage('mcalc: no scalar definition here to differentiate (write e.g. f = tr(Xᵀ A X)).');
    return undefined;
  }
  const atCursor = found.atCursor;
  let of = atCursor?.of;
  if (!of) {
    const picked = found.functions.length === 1 ? found.functions[0] : await vscode.window.showQuickPick(
      found.functions.map((f) => ({ label: f.of, description: `line ${f.line + 1}`, detail: `depends on ${f.wrt.map((w) => w.name).join(', ')}`, f })),
      { title: 'Derive the gradient of…', placeHolder: 'a scalar defined in this document' },
    ).then((item) => item?.f);
    of = picked?.of;
  }
  if (!of) return undefined;
  const fn = found.functions.find((f) => f.of === of);
  if (!fn) {
    void vscode.window.showInformationMessage(`mcalc: ${of} cannot be differentiated here (it has a shape error, or depends on no declared symbol).`);
    return undefined;
  }
  const choices = atCursor?.of === of ? fn.wrt.filter((w) => atCursor.wrt.includes(w.name)) : fn.wrt;
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(`mcalc: ${of} depends on none of the symbols named here.`);
    return undefined;
  }
  const wrt = choices.length === 1 ? choices[0]?.name : await vscode.window.showQuickPick(
    choices.map((w) => ({ label: w.name, description: w.shape })),
    { title: `∂${of}/∂… with respect to`, placeHolder: 'a declared symbol' },
  ).then((item) => item?.label);
  return wrt ? { target: { uri: doc.uri.toString(), of, wrt }, fromCursor: atCursor?.of === of } : undefined;
}

export function registerCommands(client: ServerClient, panel: GradientPanel): vscode.Disposable[] {
  const insert = (format: InsertFormat) => async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    // The panel's gradient when it belongs to this document; otherwise the cursor's statement or a quick pick.
    const shown = panel.current?.target;
    const picked = shown && shown.uri === editor?.document.uri.toString() ? { target: shown, fromCursor: false } : await pickTarget(editor);
    if (!picked) return;
    await insertGradient(client, picked.target, format, picked.fromCursor ? editor?.selection.active : undefined);
  };
  return [
    vscode.commands.registerCommand(SHOW_GRADIENT_COMMAND, async (args?: ShowGradientArgs) => {
      if (args && typeof args.uri === 'string') await panel.show({ uri: args.uri, of: args.of, wrt: args.wrt });
      else await vscode.commands.executeCommand(COMMANDS.derive);
    }),
    vscode.commands.registerCommand(COMMANDS.derive, async () => {
      const picked = await pickTarget(vscode.window.activeTextEditor);
      if (picked) await panel.show(picked.target);
    }),
    vscode.commands.registerCommand(COMMANDS.showPanel, async () => {
      if (panel.isOpen) panel.reveal();
      else await vscode.commands.executeCommand(COMMANDS.derive);
    }),
    vscode.commands.registerCommand(COMMANDS.insertMcalc, insert('mcalc')),
    vscode.commands.registerCommand(COMMANDS.insertLatex, insert('latex')),
    vscode.commands.registerCommand(COMMANDS.insertNumpy, insert('numpy')),
    vscode.commands.registerCommand(COMMANDS.restart, async () => {
      try {
        await client.restart();
        void vscode.window.setStatusBarMessage('mcalc: language server restarted', 3000);
      } catch (e) {
        void vscode.window.showErrorMessage(`mcalc: the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  ];
}
