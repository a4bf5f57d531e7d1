// Runs inside VS Code's extension host as the extensionTestsPath of scripts/bench-activation.mjs (not a test): opens a
// .mcalc file in a fresh window — the first thing that activates mcalc there — waits for the language server, and
// prints one line of figures for the launcher to read. Figures are reported, never asserted.
import * as vscode from 'vscode';
import type { McalcApi } from '../client/src/api';

/** The line's prefix, which scripts/bench-activation.mjs looks for in the extension host's console. */
const MARKER = 'mcalc-activation-figures';
/** The workspace scripts/bench-activation.mjs makes holds this file. */
const FILE = 'kronecker-trace.mcalc';

export interface ActivationFigures {
  readonly vscode: string;
  /** The extension's own figures (client/src/api.ts): loading dist/extension.js, and that plus the activate() call. */
  readonly activationMs: number;
  readonly loadMs: number;
  /** From the bundle's first line to the language client started, and of that loading the client's bundle. */
  readonly serverReadyMs?: number;
  readonly clientLoadMs?: number;
  /** Seen from here: from asking VS Code to open the file to the extension's activate() having resolved … */
  readonly openToActivatedMs: number;
  /** … and to the language server ready (VS Code's own work to open the file and start the extension included). */
  readonly openToServerReadyMs: number;
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the bench opens VS Code on a workspace folder');
  const extension = vscode.extensions.getExtension<McalcApi>('mcalc.mcalc');
  if (!extension) throw new Error('mcalc.mcalc is not the extension under development');
  if (extension.isActive) throw new Error('mcalc was active before its .mcalc file was opened: activation not measured');
  const opened = performance.now();
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, FILE));
  // Shown meanwhile, as a user's click would; not waited for, so as not to delay seeing the activation.
  const shown = vscode.window.showTextDocument(document);
  // The document's language activates the extension (onLanguage:mcalc); this waits for that activation.
  const api = await extension.activate();
  const activated = performance.now();
  const test = api.test;
  if (!test) throw new Error('no test API: the extension did not run in test mode');
  await test.whenServerReady();
  const ready = performance.now();
  await shown;
  // An older build (the bench of a baseline checkout) may not have these.
  const server = typeof test.serverReadyTimes === 'function' ? await test.serverReadyTimes() : undefined;
  const figures: ActivationFigures = {
    vscode: vscode.version,
    activationMs: test.activationMs,
    loadMs: test.loadMs,
    ...(server ? { serverReadyMs: server.readyMs, clientLoadMs: server.clientLoadMs } : {}),
    openToActivatedMs: activated - opened,
    openToServerReadyMs: ready - opened,
  };
  console.log(`${MARKER} ${JSON.stringify(figures)}`);
}
