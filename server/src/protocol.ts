// The messages between the mcalc language server and its clients (custom request, commands): plain types, no vscode imports.

/** `mcalc/derive`: one whole derivation for the client's gradient panel. */
export const DERIVE_REQUEST = 'mcalc/derive';

/** Client-side command a "Derive ∂f/∂X" code action carries, so the VS Code client can open its panel. */
export const SHOW_GRADIENT_COMMAND = 'mcalc.showGradient';

/** Server-side command (workspace/executeCommand): derive ∂f/∂X and insert `∂f/∂X = …` through workspace/applyEdit. */
export const APPLY_DERIVE_COMMAND = 'mcalc.applyDerive';

/** `mcalc/serverInfo`: which process answers (the client's crash-recovery test kills it). */
export const SERVER_INFO_REQUEST = 'mcalc/serverInfo';

export interface ServerInfo {
  readonly pid: number;
  readonly version: string;
  /** Whether the derivation worker is running (it starts shortly after a document with something to derive is analysed). */
  readonly derivationWorker: boolean;
}

export interface DeriveParams {
  readonly textDocument: { readonly uri: string; readonly version?: number };
  /** The scalar being differentiated (a defined symbol). */
  readonly of: string;
  /** The variable (a declared symbol). */
  readonly wrt: string;
}

/** A declared symbol the function depends on: what the panel offers as "with respect to". */
export interface DeriveSymbol {
  readonly name: string;
  /** e.g. "m×n". */
  readonly shape: string;
  readonly properties: readonly string[];
}

/** The numeric check, as JSON (the same fields as `mcalc grad --to json`). */
export interface DeriveCheck {
  /** null when the check could not be made (see `unavailable`). */
  readonly passed: boolean | null;
  readonly relError: number | null;
  readonly sizes: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly evaluations: number;
  readonly unavailable?: string;
  /** One line for people, the same as the command line prints. */
  readonly summary: string;
  /** What was compared at the deciding point (absent when unavailable): the panel draws it. */
  readonly compared?: DeriveCompared;
}

/**
 * Symbolic against finite-difference values: per entry of the variable (mode 'entries', row-major rows×cols),
 * or per random direction V, ⟨G, V⟩ against the directional difference (mode 'directions', 1×count).
 */
export interface DeriveCompared {
  readonly mode: 'entries' | 'directions';
  readonly rows: number;
  readonly cols: number;
  readonly symbolic: readonly number[];
  readonly numeric: readonly number[];
}

export interface DeriveStep {
  readonly label: string;
  readonly latex: string;
}

export interface DeriveResultBody {
  readonly mcalc: string;
  readonly latex: string;
  readonly numpy: string;
  readonly steps: readonly DeriveStep[];
  /** Absent when numeric checks are turned off (setting mcalc.check.enabled). */
  readonly check?: DeriveCheck;
  /** The variable's shape, which is also the gradient's (denominator layout). */
  readonly shape: string;
  /** For a symmetric variable: which gradient this is (setting mcalc.gradient.symmetric). */
  readonly convention?: string;
}

export interface DeriveResponse {
  readonly of: string;
  readonly wrt: string;
  /** f's shape ("1×1" for a scalar), or "" when f is unknown or ill-typed. */
  readonly fShape: string;
  readonly symbols: readonly DeriveSymbol[];
  /** Present when the derivation succeeded. */
  readonly result?: DeriveResultBody;
  /** Why there is no result: a document error, an unknown symbol, a budget exceeded… */
  readonly error?: string;
  /** The document version the answer was computed from (null if the document is not open). */
  readonly version: number | null;
}

/** Arguments of SHOW_GRADIENT_COMMAND (one object). */
export interface ShowGradientArgs {
  readonly uri: string;
  readonly of: string;
  readonly wrt: string;
}

/** How a gradient is written into a document. */
export type InsertFormat = 'mcalc' | 'latex' | 'numpy';

/** Arguments of APPLY_DERIVE_COMMAND (one object). */
export interface ApplyDeriveArgs {
  /**
   * What to insert (default 'mcalc'): `∂f/∂X = …` in mcalc syntax; in Markdown also LaTeX (a `$$\frac{∂f}{∂X} = …$$`
   * paragraph after the block or formula) or NumPy (a ```python fence after it). In a `.mcalc` file only 'mcalc'.
   */
  readonly format?: InsertFormat;
  readonly uri: string;
  /** The version the caller saw: the command is refused if the document has changed since. */
  readonly version: number;
  readonly of: string;
  readonly wrt: string;
  /**
   * Where the action was offered (a definition, `grad` or claim line): the claim goes on the line after that
   * statement. Without it: after the last `grad f wrt …` line naming X, else after f's definition.
   */
  readonly position?: { readonly line: number; readonly character: number };
}

/** What APPLY_DERIVE_COMMAND answers when it ran; a stale version is answered with an error instead. */
export interface ApplyDeriveResult {
  readonly applied: boolean;
  /** The inserted line, e.g. `∂f/∂A = …`. */
  readonly inserted?: string;
  readonly failureReason?: string;
}

/** Options a client may pass in `initialize` (all optional). */
export interface McalcInitializationOptions {
  /** Delay before diagnostics are computed after a change, in ms (default 150). Tests set it low. */
  readonly diagnosticsDelay?: number;
}

// ---- The gradient panel (webview) ----

/** What the panel shows and keeps across reloads (its webview state, restored by the serializer). */
export interface PanelTarget {
  readonly uri: string;
  readonly of: string;
  readonly wrt: string;
}

/** Extension → panel. */
export type ToPanelMessage =
  | { readonly type: 'pending'; readonly target: PanelTarget; readonly fileName: string }
  | {
    readonly type: 'result'; readonly target: PanelTarget; readonly fileName: string;
    /** 'markdown' or 'mcalc': which insert buttons make sense. */
    readonly languageId: string;
    readonly response: DeriveResponse;
  }
  /** The document is gone (closed or deleted): the panel keeps the last result but cannot insert. */
  | { readonly type: 'detached'; readonly target: PanelTarget; readonly reason: string };

/** Panel → extension. */
export type FromPanelMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'insert'; readonly format: InsertFormat }
  | { readonly type: 'copy'; readonly format: InsertFormat }
  /** Another variable (or function) chosen in the panel. */
  | { readonly type: 'retarget'; readonly of: string; readonly wrt: string };
