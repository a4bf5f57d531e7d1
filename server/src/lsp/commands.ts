// workspace/executeCommand: `mcalc.applyDerive` derives ∂f/∂X and inserts it (mcalc, LaTeX or NumPy) through workspace/applyEdit.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type ExecuteCommandParams } from 'vscode-languageserver';
import { APPLY_DERIVE_COMMAND, SHOW_GRADIENT_COMMAND, type ApplyDeriveArgs, type ApplyDeriveResult } from '../protocol';
import type { ServerContext } from './context';
import { documentEdit } from './convert';
import { defaultPlacement, deriveIn } from './derive';
import { cancelled } from './guard';
import { deriveTargetsAt, gradientInsertion } from '../core/queries';

/** The commands the server runs (advertised in executeCommandProvider). */
export const SERVER_COMMANDS: readonly string[] = [APPLY_DERIVE_COMMAND];

export async function executeCommand(
  ctx: ServerContext, params: ExecuteCommandParams, token: CancellationToken,
): Promise<ApplyDeriveResult | null | ResponseError<void>> {
  // Editors without mcalc's panel may send the code action's client command here: there is nothing to show.
  if (params.command === SHOW_GRADIENT_COMMAND) return null;
  if (params.command !== APPLY_DERIVE_COMMAND) return new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
  const args = params.arguments?.[0] as Partial<ApplyDeriveArgs> | undefined;
  if (!args || typeof args.uri !== 'string' || typeof args.version !== 'number' || typeof args.of !== 'string' || typeof args.wrt !== 'string') {
    return new ResponseError(ErrorCodes.InvalidParams, `${APPLY_DERIVE_COMMAND} needs one argument {uri, version, of, wrt}`);
  }
  const { uri, version, of, wrt } = args as ApplyDeriveArgs;
  const format = args.format ?? 'mcalc';
  if (format !== 'mcalc' && format !== 'latex' && format !== 'numpy') {
    return new ResponseError(ErrorCodes.InvalidParams, `${APPLY_DERIVE_COMMAND}: format is 'mcalc', 'latex' or 'numpy', not ${JSON.stringify(format)}`);
  }
  const stale = (): ResponseError<void> | undefined => {
    const now = ctx.store.get(uri)?.version;
    return now === version ? undefined
      : new ResponseError(LSPErrorCodes.ContentModified, `the document changed since version ${version} (it is ${now ?? 'closed'} now): derive again`);
  };
  const before = stale();
  if (before) return before;
  if (!ctx.client.applyEdit) return { applied: false, failureReason: 'the client cannot apply edits (workspace/applyEdit)' };
  const analyzed = await ctx.store.analysis(uri);
  const after = stale();
  if (after || !analyzed) return after ?? { applied: false, failureReason: 'the document is not open in the server' };
  if (analyzed.analysis.languageId === 'mcalc' && format !== 'mcalc') {
    return { applied: false, failureReason: `a .mcalc file holds mcalc only: ${format === 'latex' ? 'LaTeX' : 'NumPy'} goes into Markdown notes` };
  }
  if (await cancelled(token)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  const out = await deriveIn(ctx, analyzed, of, wrt, false, token);
  if (!out) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  if (!out.ok) return { applied: false, failureReason: out.message };
  // The document may have moved on while the worker derived: the edit would name a stale version anyway.
  const moved = stale();
  if (moved) return moved;
  const a = analyzed.analysis;
  const target = args.position ? deriveTargetsAt(a, analyzed.convert.offset(args.position)) : undefined;
  const at = target?.of === of ? target : defaultPlacement(a, of, wrt);
  if (!at) return { applied: false, failureReason: `no place to insert ∂${of}/∂${wrt}` };
  const insertion = gradientInsertion(a, at, of, wrt, format, out.result);
  if ('error' in insertion) return { applied: false, failureReason: insertion.error };
  const { edit } = insertion;
  const workspaceEdit = documentEdit(uri, version, [analyzed.convert.textEdit(edit)], ctx.client.documentChanges);
  const answer = await ctx.connection.workspace.applyEdit({ label: `Derive ∂${of}/∂${wrt}`, edit: workspaceEdit });
  return {
    applied: answer.applied,
    inserted: edit.newText.trim(),
    ...(answer.applied ? {} : { failureReason: answer.failureReason ?? 'the client refused the edit' }),
  };
}
