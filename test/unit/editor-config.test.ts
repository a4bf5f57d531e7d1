// The editor's configuration files: language-configuration.json (brackets, comments, words) and the snippets, whose
// text with its defaults must be clean mcalc.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core';
import { lex } from '../../server/src/core/syntax/lexer';

describe('language-configuration.json', () => {
  const config = JSON.parse(readFileSync('language-configuration.json', 'utf8')) as {
    comments: { lineComment: string };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string }[];
    surroundingPairs: [string, string][];
    wordPattern: { pattern: string; flags: string };
  };
  // As VS Code compiles it (languageConfigurationExtensionPoint, then ensureValidWordDefinition adds `g`).
  const words = (text: string): string[] => text.match(new RegExp(config.wordPattern.pattern, `${config.wordPattern.flags}g`)) ?? [];

  test('comments start with #, and every bracket pair auto-closes and surrounds', () => {
    assert.equal(config.comments.lineComment, '#');
    for (const [open, close] of config.brackets) {
      assert.ok(config.autoClosingPairs.some((p) => p.open === open && p.close === close), open);
      assert.ok(config.surroundingPairs.some(([o, c]) => o === open && c === close), open);
    }
  });

  test("the transpose quote never auto-closes (A' is not a string)", () => {
    assert.ok(!config.autoClosingPairs.some((p) => p.open === "'"));
  });

  test('every bracket the configuration pairs is one the lexer knows', () => {
    for (const [open, close] of config.brackets) {
      assert.ok(!lex(open + close).some((t) => t.kind === 'unknown'), `${open}${close}`);
    }
  });

  test('the word pattern takes whole names, as the lexer does, and no operators', () => {
    assert.deepEqual(words('W_1 + x₁ ⊗ Σ'), ['W_1', 'x₁', 'Σ']);
    assert.deepEqual(words('tr₁(M, c) ⊙ I_m'), ['tr₁', 'M', 'c', 'I_m']);
    assert.deepEqual(words('Aᵀ B⁻¹ C² ‖X‖ ⟨A, B⟩'), ['A', 'B', 'C', 'X', 'A', 'B']);
    assert.deepEqual(words('λ₂ · 2.5e-3'), ['λ₂', '2.5e-3']);
    const text = 'f = tr(Σ₁ᵀ W_out x₁) ⊗ α2 + 3';
    const names = lex(text).filter((t) => t.kind === 'name' || t.kind === 'number').map((t) => t.text);
    assert.deepEqual(words(text), names);
  });
});

interface Snippet {
  readonly prefix: string | string[];
  readonly body: string | string[];
  readonly description: string;
}

/** A snippet's text with each placeholder at its default: `${1:A}` → A, `${1|a,b|}` → a, `$1`/`$0` → nothing. */
function expandDefaults(body: string): string {
  let out = body;
  for (;;) {
    const next = out
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\d+/g, '');
    if (next === out) return out;
    out = next;
  }
}

/** Symbols the snippets' default names refer to, for snippets that are not declarations. */
const CONTEXT = [
  'A : n × n', 'B : p × q', 'H : (q·n) × k', 'X : n × n', 'Y : n × n', 'G : n × n', 'C : n × n, spd', 'M : (c·m) × (c·k)',
  'x : vector n', 'b : vector n', 'y : vector n',
].join('\n');

/** A snippet's default text in a document: a declaration alone, other statements after the context, an expression as a value. */
function snippetDocument(text: string): string {
  if (!text.includes('=') && /[:∈]/.test(text)) return text;
  if (/^(grad|∂)/.test(text)) return `${CONTEXT}\nf = tr(X)\n${text}`;
  if (/^\S+ = /.test(text)) return `${CONTEXT}\n${text}`;
  return `${CONTEXT}\nt = ${text}`;
}

describe('snippets/mcalc.code-snippets', () => {
  const snippets = JSON.parse(readFileSync('snippets/mcalc.code-snippets', 'utf8')) as Record<string, Snippet>;
  const bodyOf = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

  test('every snippet has prefixes, a body and a description, and no prefix is used twice', () => {
    const seen = new Set<string>();
    assert.ok(Object.keys(snippets).length >= 10);
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every((p) => /^[a-z][a-z0-9-]*$/.test(p)), name);
      for (const p of prefixes) {
        assert.ok(!seen.has(p), `prefix ${p} twice`);
        seen.add(p);
      }
      assert.ok(bodyOf(s).trim() !== '' && s.description.trim() !== '', name);
    }
  });

  test('the placeholder expansion used below', () => {
    assert.equal(expandDefaults('${1:K} : ${2:n} × ${2:n}, ${3|spd,symmetric|}$0'), 'K : n × n, spd');
    assert.equal(expandDefaults('${1:s} : scalar${2:, positive}'), 's : scalar, positive');
  });

  for (const [name, s] of Object.entries(snippets)) {
    test(`${name}: with its defaults, clean mcalc`, () => {
      const text = expandDefaults(bodyOf(s));
      assert.ok(!/\$/.test(text), `placeholders left in ${text}`);
      const source = snippetDocument(text);
      const errors = analyze(source, 'mcalc').diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), [], source);
    });
  }
});
