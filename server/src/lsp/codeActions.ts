// Code actions: quick fixes carried by the diagnostics, and "Derive ∂f/∂X" on definitions, grad lines and claims.
import {
  CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit,
} from 'vscode-languageserver';
import { SHOW_GRADIENT_COMMAND, type ShowGradientArgs } from '../protocol';
import type { ServerContext } from './context';
import { diagnosticData, documentEdit } from './convert';
import { deriveIn } from './derive';
import type { Analyzed } from './documents';
import { cancelled } from './guard';
import { deriveTargetsAt, gradientInsertion, type DeriveTarget } from '../core/queries';

export const DERIVE_KIND = `${CodeActionKind.RefactorRewrite}.mcalc.derive`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, DERIVE_KIND];

export async function codeActions(ctx: ServerContext, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(ctx, uri, params.context.diagnostics));
  if (wants(DERIVE_KIND)) {
    const analyzed = await ctx.store.analysis(uri);
    if (analyzed) actions.push(...(await deriveActions(ctx, analyzed, analyzed.convert.offset(params.range.start), token)));
  }
  return actions;
}

/**
 * The fixes travel in the diagnostics' data, with the version they were computed for: the edit names that
 * version, so a client holding stale diagnostics has its edit refused rather than applied to the wrong text.
 */
function quickFixes(ctx: ServerContext, uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.source === 'mcalc' ? diagnosticData(d.data) : undefined;
    if (!data) continue;
    for (const fix of data.fixes) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: data.fixes.length === 1,
        edit: documentEdit(uri, data.version, [...fix.edits], ctx.client.documentChanges),
      });
    }
  }
  return out;
}

/** What a derive action carries until it is resolved (clients with codeAction/resolve get the edit lazily). */
interface DeriveData {
  readonly derive: { readonly uri: string; readonly version: number; readonly of: string; readonly wrt: string; readonly offset: number };
}

/**
 * One action per variable X: insert `∂f/∂X = …` on the next line (in LaTeX math, a `$$\frac{∂f}{∂X} = …$$` paragraph
 * after the formula's), and tell the VS Code client to show the panel.
 * Editors ask for code actions at every cursor move, so with codeAction/resolve only the (cheap) targets are
 * found here and each gradient is derived when its action is chosen.
 */
async function deriveActions(ctx: ServerContext, analyzed: Analyzed, offset: number, token: CancellationToken): Promise<CodeAction[]> {
  const target = deriveTargetsAt(analyzed.analysis, offset);
  if (!target) return [];
  const out: CodeAction[] = [];
  for (const wrt of target.wrt) {
    const args: ShowGradientArgs = { uri: analyzed.uri, of: target.of, wrt };
    const action: CodeAction = {
      title: `Derive ∂${target.of}/∂${wrt}`,
      kind: DERIVE_KIND,
      command: { title: `Show ∂${target.of}/∂${wrt}`, command: SHOW_GRADIENT_COMMAND, arguments: [args] },
    };
    if (ctx.client.resolveCodeActionEdit) {
      const data: DeriveData = { derive: { uri: analyzed.uri, version: analyzed.version, of: target.of, wrt, offset } };
      out.push({ ...action, data });
      continue;
    }
    // Each derivation is synchronous work: between them, read a cancellation if one came.
    if (await cancelled(token)) return [];
    const edit = await deriveEdit(ctx, analyzed, target, wrt, token);
    if (edit) out.push({ ...action, edit });
  }
  return out;
}

/** The claim in the notation of where the statement is: mcalc in a file or block, LaTeX (`$$\frac{∂f}{∂X} = …$$`) in math. */
async function deriveEdit(
  ctx: ServerContext, analyzed: Analyzed, target: DeriveTarget, wrt: string, token?: CancellationToken,
): Promise<WorkspaceEdit | undefined> {
  const g = await deriveIn(ctx, analyzed, target.of, wrt, false, token);
  if (!g?.ok) return undefined;
  const out = gradientInsertion(analyzed.analysis, target, target.of, wrt, target.place === 'math' ? 'latex' : 'mcalc', g.result);
  if ('error' in out) return undefined;
  return documentEdit(analyzed.uri, analyzed.version, [analyzed.convert.textEdit(out.edit)], ctx.client.documentChanges);
}

/** codeAction/resolve: the derive action's edit, for the version the action was offered on (else none: it is stale). */
export async function resolveCodeAction(ctx: ServerContext, action: CodeAction): Promise<CodeAction> {
  const d = (action.data as Partial<DeriveData> | undefined)?.derive;
  if (!d || typeof d.uri !== 'string') return action;
  const analyzed = await ctx.store.analysis(d.uri);
  if (!analyzed || analyzed.version !== d.version) return action;
  const target = deriveTargetsAt(analyzed.analysis, d.offset);
  if (target?.of !== d.of) return action;
  const edit = await deriveEdit(ctx, analyzed, target, d.wrt);
  return edit ? { ...action, edit } : action;
}
