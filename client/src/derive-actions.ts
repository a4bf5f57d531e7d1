// "Derive ∂f/∂X" opens the panel when its edit is applied, not through the command the server attaches.
//
// Why: VS Code hands a code action's command to the workbench by reference when it has arguments (the extension
// host keeps the arguments, keyed by the list the action came in), and drops that list as soon as a newer one
// arrives — the light bulb asks again on every cursor move and every change of diagnostics. A newer list landing
// while the chosen action is being resolved (the server derives the gradient then) left the claim inserted and the
// command gone: "Actual command not found", and no panel. So the client takes the command off the derive actions,
// remembers each one's target, and shows the panel when the document changes by exactly the edit the action
// resolved to. Editors other than VS Code still get the server's command (docs/language-server.md).
import * as vscode from 'vscode';
import { SHOW_GRADIENT_COMMAND, type PanelTarget, type ShowGradientArgs } from '../../server/src/protocol';

/** The subset of vscode-languageclient's middleware this uses (its types, without importing its values). */
export interface DeriveMiddleware {
  provideCodeActions(
    document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken,
    next: (document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken) =>
      vscode.ProviderResult<(vscode.Command | vscode.CodeAction)[]>,
  ): Promise<(vscode.Command | vscode.CodeAction)[] | null | undefined>;
  resolveCodeAction(
    item: vscode.CodeAction, token: vscode.CancellationToken,
    next: (item: vscode.CodeAction, token: vscode.CancellationToken) => vscode.ProviderResult<vscode.CodeAction>,
  ): Promise<vscode.CodeAction | null | undefined>;
}

/** An edit handed out and not yet seen applied: what it inserts in which document, and whose panel it opens. */
interface Pending {
  readonly uri: string;
  readonly texts: readonly string[];
  readonly target: PanelTarget;
}

/** Resolved but never applied (the user previewed, or chose another): forgotten after this many newer ones. */
const KEEP_PENDING = 8;

export class DeriveActions implements vscode.Disposable {
  /** Each derive action offered, as VS Code holds it, and the ∂f/∂X it shows. */
  private readonly targets = new WeakMap<vscode.CodeAction, PanelTarget>();
  private pending: Pending[] = [];
  private readonly listener: vscode.Disposable;

  constructor(private readonly show: (target: PanelTarget) => unknown) {
    this.listener = vscode.workspace.onDidChangeTextDocument((e) => this.changed(e));
  }

  readonly middleware: DeriveMiddleware = {
    provideCodeActions: async (document, range, context, token, next) => {
      const actions = await next(document, range, context, token);
      for (const action of actions ?? []) if (action instanceof vscode.CodeAction) this.offered(action);
      return actions;
    },
    resolveCodeAction: async (item, token, next) => {
      const resolved = await next(item, token);
      const target = this.targets.get(item);
      if (!target || !resolved) return resolved;
      // Stale (the document changed since it was offered): no edit to wait for; the panel shows what is there now.
      if (!resolved.edit) resolved.command = { title: `Show ∂${target.of}/∂${target.wrt}`, command: SHOW_GRADIENT_COMMAND, arguments: [target] };
      else this.expect(target, resolved.edit);
      return resolved;
    },
  };

  /** A derive action: its command comes off, its target is kept (and its edit awaited, if it came with one). */
  private offered(action: vscode.CodeAction): void {
    const command = action.command;
    if (command?.command !== SHOW_GRADIENT_COMMAND) return;
    const args = command.arguments?.[0] as Partial<ShowGradientArgs> | undefined;
    if (typeof args?.uri !== 'string' || typeof args.of !== 'string' || typeof args.wrt !== 'string') return;
    const target: PanelTarget = { uri: args.uri, of: args.of, wrt: args.wrt };
    action.command = undefined;
    this.targets.set(action, target);
    if (action.edit) this.expect(target, action.edit);
  }

  private expect(target: PanelTarget, edit: vscode.WorkspaceEdit): void {
    const texts = edit.entries().filter(([uri]) => uri.toString() === target.uri).flatMap(([, edits]) => edits.map((e) => sameLines(e.newText)));
    if (texts.length === 0) return;
    const same = (p: Pending): boolean => p.uri === target.uri && p.target.of === target.of && p.target.wrt === target.wrt;
    this.pending = [...this.pending.filter((p) => !same(p)), { uri: target.uri, texts, target }].slice(-KEEP_PENDING);
  }

  /** The change that inserts exactly an awaited edit's text is that edit applied: show its gradient, once. */
  private changed(e: vscode.TextDocumentChangeEvent): void {
    if (this.pending.length === 0 || e.contentChanges.length === 0) return;
    const uri = e.document.uri.toString();
    const inserted = e.contentChanges.map((c) => sameLines(c.text));
    let match: Pending | undefined;
    for (const p of this.pending) if (p.uri === uri && p.texts.length === inserted.length && p.texts.every((t) => inserted.includes(t))) match = p;
    if (!match) return;
    this.pending = this.pending.filter((p) => p !== match);
    this.show(match.target);
  }

  dispose(): void {
    this.listener.dispose();
    this.pending = [];
  }
}

/** The editor inserts our `\n` as the document's line ending. */
function sameLines(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
