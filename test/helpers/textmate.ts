// Loads the extension's TextMate grammars as VS Code runs them (vscode-textmate over Oniguruma) and tokenizes text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const MCALC_GRAMMAR = 'syntaxes/mcalc.tmLanguage.json';
export const INJECTION_GRAMMAR = 'syntaxes/mcalc-markdown-injection.tmLanguage.json';
export const MARKDOWN_STUB = 'test/fixtures/grammar/markdown-stub.tmLanguage.json';
/** VS Code's own Markdown grammar, present once scripts/vscode-e2e/install.mjs has run (npm test runs it). */
export const VSCODE_MARKDOWN = '.vscode-test/code-server-4.100.3/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json';

let onigLib: Promise<vsctm.IOnigLib> | undefined;

function loadOniguruma(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync('node_modules/vscode-oniguruma/release/onig.wasm');
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

const grammars = new Map<string, Promise<vsctm.IGrammar>>();

/** A grammar as VS Code would run it: mcalc, and Markdown (the given grammar file) with the mcalc injection. */
export function loadGrammar(scopeName: string, markdownPath = MARKDOWN_STUB): Promise<vsctm.IGrammar> {
  const key = `${scopeName} ${markdownPath}`;
  if (!grammars.has(key)) grammars.set(key, createGrammar(scopeName, markdownPath));
  return grammars.get(key)!;
}

async function createGrammar(scopeName: string, markdownPath: string): Promise<vsctm.IGrammar> {
  const files: Record<string, string> = {
    'source.mcalc': MCALC_GRAMMAR,
    'markdown.mcalc.codeblock': INJECTION_GRAMMAR,
    'text.html.markdown': markdownPath,
  };
  const registry = new vsctm.Registry({
    onigLib: loadOniguruma(),
    // Grammars the real Markdown grammar embeds (source.python, …) are absent: their fences stay plain.
    loadGrammar: async (scope) => (files[scope] ? vsctm.parseRawGrammar(readFileSync(files[scope]!, 'utf8'), files[scope]) : null),
    getInjections: (scope) => (scope === 'text.html.markdown' ? ['markdown.mcalc.codeblock'] : undefined),
  });
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName}`);
  return grammar;
}

export interface Token {
  readonly line: number;
  /** Offset in the whole text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

export function tokenize(grammar: vsctm.IGrammar, text: string): Token[] {
  const out: Token[] = [];
  let state = vsctm.INITIAL;
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end > t.startIndex) {
        out.push({ line: i, start: offset + t.startIndex, end: offset + end, text: line.slice(t.startIndex, end), scopes: t.scopes });
      }
    }
    state = r.ruleStack;
    offset += line.length + 1;
  });
  return out;
}

/** Each non-blank token as `text scope`, the scope being the innermost one. */
export function innermost(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.text.trim() !== '').map((t) => `${t.text.trim()} ${t.scopes.at(-1)}`);
}

/** A token's own scope: anything but the root and the meta.* regions. */
export const ownScopes = (t: Token): string[] => t.scopes.filter((s) => s !== 'source.mcalc' && !s.startsWith('meta.'));
