// "Derive ∂f/∂X" opens the panel when its edit is applied, not through the command the server attaches.
//
// Why: VS Code hands a code action's command to the workbench by reference when it has arguments (the extension
// host keeps the arguments, keyed by the list the action came in), and drops that list as soon as a newer one
// arrives — the light bulb asks again on every cursor move and every change of diagnostics. A newer list landing
// while the chosen action was being resolved (the server derives the gradient then) left the claim inserted and the
// command gone: "Actual command not found", and no panel. So the client takes the command off the derive actions,
// remembers each one's target, and shows the panel when the document changes by exactly the edit the action
// resolved to, at the version it was resolved for. Editors other than VS Code still get the server's command
// (docs/language-server.md).
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';
import { SHOW_GRADIENT_COMMAND, type PanelTarget, type ShowGradientArgs } from '../../server/src/protocol';
import { PendingEdits, type Insertion } from './pending-edits';

/** What of vscode-languageclient's middleware this provides (a type only: its code loads with the client). */
export type DeriveMiddleware = Required<Pick<Middleware, 'provideCodeActions' | 'resolveCodeAction'>>;

const sameTarget = (a: PanelTarget, b: PanelTarget): boolean => a.uri === b.uri && a.of === b.of && a.wrt === b.wrt;

export class DeriveActions implements vscode.Disposable {
  /** Each derive action offered, as VS Code holds it: the ∂f/∂X it shows, and the server's command taken off it. */
  private readonly offers = new WeakMap<vscode.CodeAction, { readonly target: PanelTarget; readonly command: vscode.Command }>();
  private readonly pending = new PendingEdits<PanelTarget>(sameTarget);
  private readonly appliedEmitter = new vscode.EventEmitter<PanelTarget>();
  /** Fires when a derive action's edit has been applied: the panel shows its gradient. */
  readonly onDidApply = this.appliedEmitter.event;
  private readonly listener = vscode.workspace.onDidChangeTextDocument((e) => this.changed(e));

  readonly middleware: DeriveMiddleware = {
    provideCodeActions: async (document, range, context, token, next) => {
      const actions = await next(document, range, context, token);
      for (const action of actions ?? []) if (action instanceof vscode.CodeAction) this.offered(action, document.version);
      return actions;
    },
    resolveCodeAction: async (item, token, next) => {
      const resolved = await next(item, token);
      const offer = this.offers.get(item);
      // The client hands back the item itself when the request was cancelled or the server went away: it is the
      // action VS Code keeps, and stays as offered.
      if (!offer || !resolved || resolved === item || token.isCancellationRequested) return resolved;
      const { target, command } = offer;
      if (resolved.edit) {
        const version = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri)?.version;
        if (version !== undefined) this.awaitEdit(target, version, resolved.edit);
      } else {
        // Stale (the document changed since it was offered): nothing to insert; the command shows what is there now.
        resolved.command = command;
      }
      return resolved;
    },
  };

  /** A derive action: its command comes off and its target is kept (its edit awaited, if it came with one). */
  private offered(action: vscode.CodeAction, version: number): void {
    const command = action.command;
    if (command?.command !== SHOW_GRADIENT_COMMAND) return;
    const args = command.arguments?.[0] as Partial<ShowGradientArgs> | undefined;
    if (typeof args?.uri !== 'string' || typeof args.of !== 'string' || typeof args.wrt !== 'string') return;
    const target: PanelTarget = { uri: args.uri, of: args.of, wrt: args.wrt };
    action.command = undefined;
    this.offers.set(action, { target, command });
    if (action.edit) this.awaitEdit(target, version, action.edit);
  }

  private awaitEdit(target: PanelTarget, version: number, edit: vscode.WorkspaceEdit): void {
    const edits: Insertion[] = edit.entries()
      .filter(([uri]) => uri.toString() === target.uri)
      .flatMap(([, list]) => list.map((e) => ({ start: e.range.start, text: e.newText })));
    this.pending.add(target.uri, version, edits, target);
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    if (this.pending.size === 0 || e.contentChanges.length === 0) return;
    const changes = e.contentChanges.map((c) => ({ start: c.range.start, text: c.text }));
    const target = this.pending.applied(e.document.uri.toString(), e.document.version, changes);
    if (target) this.appliedEmitter.fire(target);
  }

  dispose(): void {
    this.listener.dispose();
    this.appliedEmitter.dispose();
    this.pending.clear();
  }
}
