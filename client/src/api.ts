// What activate() returns: the Markdown preview hook VS Code calls, and a small API the extension's tests drive.
import type MarkdownIt from 'markdown-it';
import type { Event } from 'vscode';
import type { FromPanelMessage, PanelTarget, ServerInfo, ToPanelMessage } from '../../server/src/protocol';

export interface McalcApi {
  /** VS Code's Markdown preview calls this (contributes "markdown.markdownItPlugins"). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** For tests in a real VS Code (test/suite); absent when the extension runs in production mode. */
  readonly test?: McalcTestApi;
}

export interface McalcTestApi {
  /**
   * Loading dist/extension.js plus the activate() call (panel and commands set up; the language client is loaded and
   * the server process started after activate() returns, and not waited for), as VS Code's own activation times count it.
   */
  readonly activationMs: number;
  /** Of which loading dist/extension.js (evaluating every module in it). */
  readonly loadMs: number;
  /** Settles when the language client has started (rejects if the server could not start). */
  whenServerReady(): Promise<void>;
  /**
   * When whenServerReady settled, in milliseconds from the bundle's first line (the server process answered
   * `initialize`); and of that, loading the language client's own bundle, which happens after activate() returns.
   */
  serverReadyTimes(): Promise<{ readonly readyMs: number; readonly clientLoadMs: number }>;
  /** The server process now answering (its pid changes when the client restarts it). */
  serverInfo(): Promise<ServerInfo>;
  readonly panel: {
    current(): { readonly target: PanelTarget; readonly last: ToPanelMessage | undefined } | undefined;
    /** The live webview's options, as file paths. */
    webview(): { readonly enableScripts: boolean; readonly localResourceRoots: readonly string[] } | undefined;
    /** Every message the extension sends to the panel's webview. */
    readonly onDidPost: Event<ToPanelMessage>;
    /** Acts as if the webview had sent this message (a button click). */
    receive(message: FromPanelMessage): Promise<void>;
  };
}
