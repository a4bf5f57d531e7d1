// The Markdown preview's plugin with the real markdown-it: typeset statements, shape badges, diagnostics, one scope
// across blocks, lines for scroll sync, other fences untouched, and the plain code block whenever anything throws.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import { analyze, printStatementLatex } from '../../server/src/core';
import { mcalcMarkdownIt, type McalcMarkdownItOptions } from '../../client/src/preview/markdown-it-mcalc';

function preview(options: McalcMarkdownItOptions = {}, mdOptions: MarkdownIt.Options = {}): MarkdownIt {
  return new MarkdownIt(mdOptions).use(mcalcMarkdownIt, options);
}

const render = (text: string): string => preview().render(text);
const plain = (text: string): string => new MarkdownIt().render(text);

function unescape(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
}

interface RenderedItem {
  readonly line: number;
  readonly classes: string[];
  /** The TeX KaTeX typeset (its MathML annotation), or undefined when the source is shown instead. */
  readonly tex?: string;
  readonly source?: string;
  readonly shape?: string;
  readonly comment?: string;
  readonly diagnostics: Array<{ code: string; message: string }>;
}

/** The statements and comment lines of the rendered mcalc blocks, read back from the plugin's markup. */
function items(html: string): RenderedItem[] {
  const open = /<div class="(mcalc-statement [^"]*|mcalc-comment-line [^"]*)" data-mcalc-line="(\d+)"[^>]*>/g;
  const starts = [...html.matchAll(open)];
  return starts.map((m, i) => {
    const body = html.slice(m.index! + m[0].length, i + 1 < starts.length ? starts[i + 1]!.index : html.length);
    const one = (re: RegExp): string | undefined => {
      const found = re.exec(body)?.[1];
      return found === undefined ? undefined : unescape(found);
    };
    const classes = m[1]!.split(' ');
    return {
      line: Number(m[2]),
      classes,
      tex: one(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/),
      source: one(/<code class="mcalc-source">([\s\S]*?)<\/code>/),
      shape: one(/<span class="mcalc-shape"[^>]*>([^<]*)<\/span>/),
      comment: classes[0] === 'mcalc-comment-line' ? one(/^([^<]*)<\/div>/) : one(/<span class="mcalc-comment">([^<]*)<\/span>/),
      diagnostics: [...body.matchAll(/<span class="mcalc-code">(\w+)<\/span> <span class="mcalc-message">([^<]*)<\/span>/g)]
        .map((d) => ({ code: d[1]!, message: unescape(d[2]!) })),
    };
  });
}

const blockCount = (html: string): number => html.match(/<div class="mcalc-block[ "]/g)?.length ?? 0;
const byLine = (list: RenderedItem[], line: number): RenderedItem => {
  const found = list.find((x) => x.line === line);
  assert.ok(found, `no item at line ${line}: ${JSON.stringify(list.map((x) => x.line))}`);
  return found;
};

/** The parts of the page that are not mcalc blocks, with or without the plugin. */
const withoutMcalc = (html: string): string => html
  .replace(/<div class="mcalc-block[\s\S]*?<\/div>\n(?=<|$)/g, '')
  .replace(/<pre><code class="language-mcalc">[\s\S]*?<\/code><\/pre>\n/g, '');

describe('the preview typesets mcalc blocks', () => {
  test('examples/derivation-notes.md: every statement by the LaTeX printer, a shape beside each definition', () => {
    const text = readFileSync('examples/derivation-notes.md', 'utf8');
    const html = render(text);
    assert.equal(blockCount(html), 3);
    const list = items(html);
    assert.deepEqual(list.map((x) => x.line), [5, 6, 7, 8, 14, 15, 24]);
    // The TeX typeset is the core printer's, statement by statement.
    const analysis = analyze(text, 'markdown', { checkClaims: false });
    const expected = analysis.statements.filter((s) => !analysis.mathStatements.has(s)).map((s) => `\\displaystyle ${printStatementLatex(s)}`);
    assert.deepEqual(list.map((x) => x.tex), expected);
    assert.ok(list.every((x) => x.diagnostics.length === 0 && x.source === undefined));
    assert.ok((html.match(/<span class="katex">/g)?.length ?? 0) === 7);
    assert.deepEqual(list.map((x) => x.shape), [undefined, undefined, undefined, undefined, '(p·m)×k', 'scalar', '(p·m)×(q·n)']);
    assert.deepEqual(list.map((x) => x.classes[1]), [
      'mcalc-declaration', 'mcalc-declaration', 'mcalc-declaration', 'mcalc-declaration',
      'mcalc-definition', 'mcalc-definition', 'mcalc-definition',
    ]);
    // The python fence and the prose are exactly what markdown-it alone makes of them.
    assert.ok(html.includes('<pre><code class="language-python"># not mcalc: ignored by the checker\nimport numpy as np\n</code></pre>'));
    assert.equal(withoutMcalc(html), withoutMcalc(plain(text)));
  });

  test('a wrong-size product is marked with its message and still typeset; the next statement keeps its shape', () => {
    const text = '# Sizes\n\n```mcalc\nA : m × n\nB : p × q\nC = A B   # wrong\nD = Aᵀ A\n```\n';
    const list = items(render(text));
    const wrong = byLine(list, 5);
    assert.ok(wrong.classes.includes('mcalc-has-error'));
    assert.ok(wrong.tex?.includes('C = A B'), String(wrong.tex));
    assert.equal(wrong.shape, undefined);
    assert.equal(wrong.comment, 'wrong');
    const e201 = analyze(text, 'markdown').diagnostics.find((d) => d.code === 'E201');
    assert.ok(e201);
    assert.deepEqual(wrong.diagnostics, [{ code: 'E201', message: e201.message }]);
    assert.match(e201.message, /A is m×n.*B is p×q/);
    const next = byLine(list, 6);
    assert.equal(next.shape, 'n×n');
    assert.ok(!next.classes.some((c) => c.startsWith('mcalc-has-')));
  });

  test('declarations of one block are in scope in the next, and LaTeX math of the prose joins the scope', () => {
    const second = '```mcalc\nS = (B ⊗ A) H\nf = tr(Sᵀ S)\n```\n';
    const text = `\`\`\`mcalc\nA : m × n\nB : p × q\nH : (q·n) × k\n\`\`\`\n\nThen:\n\n${second}`;
    const shared = items(render(text));
    assert.deepEqual(shared.map((x) => [x.line, x.shape, x.diagnostics.length]), [
      [1, undefined, 0], [2, undefined, 0], [3, undefined, 0], [9, '(p·m)×k', 0], [10, 'scalar', 0],
    ]);
    // The same block alone knows none of the names.
    const alone = items(render(second));
    assert.deepEqual(alone[0]!.diagnostics.map((d) => d.code), ['E101', 'E101', 'E101']);
    // A declaration written in the prose's LaTeX serves the blocks as well.
    const fromMath = items(render('Let $A \\in \\mathbb{R}^{m \\times n}$.\n\n```mcalc\nG = A Aᵀ\n```\n'));
    assert.deepEqual(fromMath.map((x) => [x.line, x.shape, x.diagnostics.length]), [[3, 'm×m', 0]]);
  });

  test('grad lines, claims and size facts; a claim of the wrong shape says so', () => {
    const text = '~~~mcalc\nx : vector n\nC : n × n\nf = xᵀ C x\ngrad f wrt x\n∂f/∂x = (C + Cᵀ) x\n∂f/∂x = C\nn = 3\n~~~\n';
    const list = items(render(text));
    assert.deepEqual(list.map((x) => x.classes[1]), [
      'mcalc-declaration', 'mcalc-declaration', 'mcalc-definition', 'mcalc-grad', 'mcalc-claim', 'mcalc-claim', 'mcalc-size-fact',
    ]);
    assert.equal(byLine(list, 4).tex, '\\displaystyle \\frac{\\partial f}{\\partial x}');
    assert.equal(byLine(list, 5).shape, '3×1');
    assert.deepEqual(byLine(list, 6).diagnostics.map((d) => d.code), ['E303']);
    assert.equal(byLine(list, 7).tex, '\\displaystyle n = 3');
    assert.equal(byLine(list, 7).shape, undefined);
  });

  test('syntax errors and unreadable lines are shown as written, with their messages; comments are kept, muted', () => {
    const text = '```mcalc\n# The model\nA : m × n\nS = A +\n    A Aᵀ\n)))\nT = (A\n```\n';
    const list = items(render(text));
    assert.deepEqual(list.map((x) => [x.line, x.classes[0], x.classes[1]]), [
      [1, 'mcalc-comment-line', 'code-line'], [2, 'mcalc-statement', 'mcalc-declaration'], [3, 'mcalc-statement', 'mcalc-definition'],
      [5, 'mcalc-statement', 'mcalc-unparsed'], [6, 'mcalc-statement', 'mcalc-definition'],
    ]);
    assert.equal(byLine(list, 1).comment, 'The model');
    // A statement continued by its trailing operator is one item over two lines, typeset (its only error is E203).
    const continued = byLine(list, 3);
    assert.ok(continued.tex?.includes('S = A + A A^{\\top}'), String(continued.tex));
    assert.deepEqual(continued.diagnostics.map((d) => d.code), ['E203']);
    const unclosed = byLine(list, 6);
    assert.equal(unclosed.tex, undefined);
    assert.equal(unclosed.source, 'T = (A');
    assert.deepEqual(unclosed.diagnostics.map((d) => d.code), ['E002']);
    const junk = byLine(list, 5);
    assert.equal(junk.source, ')))');
    assert.equal(junk.diagnostics[0]?.code, 'E001');
  });

  test('fences in a blockquote, in a list and with CRLF line ends map each statement to its own line', () => {
    const text = [
      '> ```mcalc', '> A : m × n', '> B = A Aᵀ', '> ```', '',
      '1. item', '', '   ```mcalc', '   C = Bᵀ B', '   ```', '',
    ].join('\r\n');
    const html = render(text);
    assert.equal(blockCount(html), 2);
    assert.deepEqual(items(html).map((x) => [x.line, x.shape ?? null, x.diagnostics.length]), [[1, null, 0], [2, 'm×m', 0], [8, 'm×m', 0]]);
  });
});

describe('the preview leaves everything else alone', () => {
  test('a note without mcalc fences renders exactly as without the plugin', () => {
    const text = '# T\n\n```python\nx = 1 < 2\n```\n\n~~~\nA : m × n\n~~~\n\n    A : m × n\n\n```mcalcx\nA B\n```\n\nInline `mcalc` and $A$.\n';
    assert.equal(render(text), plain(text));
  });

  test('VS Code\'s source-map attributes on a fence token are carried to the block', () => {
    const md = preview();
    // As VS Code's preview does (pluginSourceMap): a line and a class on every block token.
    md.core.ruler.push('source_map', (state) => {
      for (const t of state.tokens) {
        if (t.map && t.type !== 'inline') {
          t.attrSet('data-line', String(t.map[0]));
          t.attrJoin('class', 'code-line');
        }
      }
    });
    const html = md.render('Text\n\n```mcalc\nA : m × n\n```\n');
    assert.ok(html.includes('<div class="mcalc-block code-line" data-line="2">'), html);
  });

  test('tokens rendered again with a new env (VS Code caches them) render the same', () => {
    const md = preview();
    const text = readFileSync('examples/derivation-notes.md', 'utf8');
    const tokens = md.parse(text, {});
    const again = md.renderer.render(tokens, md.options, {});
    assert.equal(again, md.render(text));
    assert.equal(blockCount(again), 3);
  });
});

test('rendering the note again typesets only the statements that changed', () => {
  const md = preview();
  const text = readFileSync('examples/derivation-notes.md', 'utf8');
  const original = katex.renderToString;
  const typeset: string[] = [];
  katex.renderToString = (tex, options) => {
    typeset.push(tex);
    return original(tex, options);
  };
  try {
    const first = md.render(text);
    assert.equal(typeset.length, 7);
    assert.equal(md.render(text), first);
    assert.equal(typeset.length, 7);
    md.render(text.replace('f = tr(Sᵀ L S)', 'f = tr(Sᵀ Lᵀ S)'));
    assert.deepEqual(typeset.slice(7), ['\\displaystyle f = \\operatorname{tr}\\left(S^{\\top} L^{\\top} S\\right)']);
  } finally {
    katex.renderToString = original;
  }
});

describe('the preview never breaks', () => {
  const text = '```mcalc\nA : m × n\nB = A Aᵀ\n```\n\n```mcalc\nC = B B\n```\n';

  test('an error while rendering falls back to the plain code block, and is reported', () => {
    const errors: unknown[] = [];
    const original = katex.renderToString;
    katex.renderToString = () => {
      throw new Error('boom');
    };
    try {
      assert.equal(preview({ onError: (e) => errors.push(e) }).render(text), plain(text));
    } finally {
      katex.renderToString = original;
    }
    assert.deepEqual(errors.map((e) => (e as Error).message), ['boom', 'boom']);
    assert.equal(blockCount(render(text)), 2);
  });

  test('an error in the analysis falls back to the plain code blocks, and is reported', () => {
    const errors: unknown[] = [];
    const md = preview({ onError: (e) => errors.push(e) });
    md.core.ruler.before('mcalc', 'sabotage', (state) => {
      Object.defineProperty(state, 'src', { get: () => { throw new Error('no source'); } });
    });
    assert.equal(md.render(text), plain(text));
    assert.deepEqual(errors.map((e) => (e as Error).message), ['no source']);
  });

  test('a failing logger changes nothing', () => {
    const original = katex.renderToString;
    katex.renderToString = () => {
      throw new Error('boom');
    };
    try {
      const md = preview({ onError: () => { throw new Error('logger'); } });
      assert.equal(md.render(text), plain(text));
    } finally {
      katex.renderToString = original;
    }
  });

  test('a statement KaTeX cannot read is shown as source, the others typeset', () => {
    const original = katex.renderToString;
    katex.renderToString = (tex, options) => {
      if (tex.includes('B = ')) throw new katex.ParseError('cannot read');
      return original(tex, options);
    };
    let list: RenderedItem[];
    try {
      list = items(render(text));
    } finally {
      katex.renderToString = original;
    }
    assert.deepEqual(list.map((x) => [x.line, x.tex === undefined, x.source]), [
      [1, false, undefined], [2, true, 'B = A Aᵀ'], [6, false, undefined],
    ]);
  });

  test('a note past the size limit keeps the plain code blocks; past the typeset limit, statements show their source', () => {
    const big = `${text}\n${'Prose line.\n'.repeat(2000)}`;
    assert.equal(preview({ limits: { noteLength: big.length - 1, typeset: 100 } }).render(big), plain(big));
    const list = items(preview({ limits: { noteLength: big.length, typeset: 2 } }).render(big));
    assert.deepEqual(list.map((x) => [x.line, x.tex !== undefined, x.source]), [[1, true, undefined], [2, true, undefined], [6, false, 'C = B B']]);
  });
});

describe('text of the note is never markup', () => {
  const payloads = [
    '<img src=x onerror=alert(1)>',
    '\\href{javascript:alert(1)}{x}',
    '</script><script>alert(1)</script>',
    '"><svg onload=alert(1)>',
  ];
  const note = [
    `Prose ${payloads.join(' ')} and $\\href{javascript:alert(1)}{x}$ and $A ${payloads[0]}$.`,
    '',
    '```mcalc "><svg onload=alert(1)>',
    ...payloads.map((p) => `A${payloads.indexOf(p)} : m × n   # ${p}`),
    ...payloads,
    `onerror = tr(A0ᵀ A0) # ${payloads[3]}`,
    'javascript = A0 + ',
    payloads[0],
    '```',
  ].join('\n');

  test('every tag in the output is the plugin\'s, KaTeX\'s or markdown-it\'s own, and the payloads show as text', () => {
    const html = render(note);
    const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)];
    const names = new Set(tags.map((t) => t[1]!.toLowerCase()));
    for (const bad of ['img', 'script', 'svg', 'iframe', 'a', 'object', 'embed']) assert.ok(!names.has(bad), `a <${bad}> tag`);
    for (const t of tags) {
      const attributes = [...t[2]!.matchAll(/([^\s=]+)(?:="[^"]*")?/g)].map((a) => a[1]!.toLowerCase());
      for (const a of attributes) {
        assert.ok(!/^(on.*|href|src|xlink:href|action|formaction|srcdoc)$/.test(a), `attribute ${a} in ${t[0]}`);
      }
    }
    const block = html.slice(html.indexOf('<div class="mcalc-block'));
    for (const p of payloads) assert.ok(unescape(block).includes(p), `payload shown as text: ${p}`);
    assert.equal(items(html).filter((x) => x.tex !== undefined).length, 5);
  });
});
