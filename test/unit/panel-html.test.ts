// The gradient panel's HTML shell, parsed as a browser parses it (parse5): the Content-Security-Policy exactly,
// every script by nonce, no inline handlers or styles, and hostile titles and URIs kept as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'parse5';
import { makeNonce, panelHtml, type PanelHtmlOptions } from '../../client/src/panel/html';

/** The parts of parse5's default tree this test reads. */
interface Node {
  readonly nodeName: string;
  readonly tagName?: string;
  readonly attrs?: readonly { readonly name: string; readonly value: string }[];
  readonly childNodes?: readonly Node[];
  readonly content?: Node;
  readonly value?: string;
}

function elements(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (n.tagName) out.push(n);
    for (const c of n.childNodes ?? []) visit(c);
    if (n.content) visit(n.content);
  };
  visit(root);
  return out;
}

function attr(n: Node, name: string): string | undefined {
  return n.attrs?.find((a) => a.name === name)?.value;
}

function text(n: Node): string {
  return n.nodeName === '#text' ? n.value ?? '' : (n.childNodes ?? []).map(text).join('');
}

const SAFE: PanelHtmlOptions = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'n0nceN0nceN0nceN0nceN0nc',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  katexCssUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/katex/katex.min.css',
  panelCssUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  title: 'mcalc gradient',
};

function page(options: PanelHtmlOptions = SAFE): Node[] {
  return elements(parse(panelHtml(options)) as unknown as Node);
}

function policy(all: Node[]): { content: string; directives: Map<string, string[]> } {
  const metas = all.filter((n) => n.tagName === 'meta' && attr(n, 'http-equiv')?.toLowerCase() === 'content-security-policy');
  assert.equal(metas.length, 1, 'one CSP meta element');
  const content = attr(metas[0]!, 'content')!;
  const directives = new Map<string, string[]>();
  for (const d of content.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [name, ...sources] = d.split(/\s+/);
    assert.ok(!directives.has(name!), `directive ${name} given once`);
    directives.set(name!, sources);
  }
  return { content, directives };
}

describe('panel HTML: Content-Security-Policy', () => {
  test('the policy, exactly', () => {
    const { content, directives } = policy(page());
    const src = SAFE.cspSource;
    assert.equal(content, `default-src 'none'; img-src ${src} data:; style-src ${src}; font-src ${src}; script-src 'nonce-${SAFE.nonce}';`);
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${SAFE.nonce}'`], 'scripts only by nonce');
    assert.deepEqual(directives.get('style-src'), [src]);
    assert.deepEqual(directives.get('font-src'), [src]);
    assert.deepEqual(directives.get('img-src'), [src, 'data:']);
    assert.deepEqual([...directives.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
    for (const [name, sources] of directives) {
      for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", '*']) {
        assert.ok(!sources.includes(bad), `${name} does not allow ${bad}`);
      }
    }
  });

  test('the policy comes before anything it governs (a meta CSP applies only to what follows it)', () => {
    const all = page();
    const meta = all.findIndex((n) => attr(n, 'http-equiv')?.toLowerCase() === 'content-security-policy');
    const firstLoad = all.findIndex((n) => n.tagName === 'link' || n.tagName === 'script' || n.tagName === 'style');
    assert.ok(meta >= 0 && firstLoad > meta, `CSP meta at ${meta}, first resource at ${firstLoad}`);
    assert.equal(all[meta - 1]?.tagName, 'meta', 'only the charset goes before it');
    assert.equal(attr(all[meta - 1]!, 'charset'), 'utf-8');
  });

  test('every script has the nonce and a source; no inline script, style, or event handler', () => {
    const all = page();
    const scripts = all.filter((n) => n.tagName === 'script');
    assert.equal(scripts.length, 1);
    for (const s of scripts) {
      assert.equal(attr(s, 'nonce'), SAFE.nonce);
      assert.equal(attr(s, 'src'), SAFE.scriptUri);
      assert.equal(text(s), '', 'no inline code');
    }
    assert.equal(all.filter((n) => n.tagName === 'style').length, 0, 'no <style> element');
    for (const n of all) {
      for (const a of n.attrs ?? []) {
        assert.ok(!/^on/i.test(a.name), `no inline handler (${n.tagName} ${a.name})`);
        assert.notEqual(a.name.toLowerCase(), 'style', `no style attribute on ${n.tagName}`);
        assert.ok(!/^\s*javascript:/i.test(a.value), `no javascript: URL (${n.tagName} ${a.name})`);
      }
    }
    const sheets = all.filter((n) => n.tagName === 'link').map((n) => [attr(n, 'rel'), attr(n, 'href')]);
    assert.deepEqual(sheets, [['stylesheet', SAFE.katexCssUri], ['stylesheet', SAFE.panelCssUri]]);
    assert.ok(all.some((n) => n.tagName === 'main' && attr(n, 'id') === 'panel'), 'the root the script fills');
    assert.ok(all.some((n) => attr(n, 'id') === 'announce' && attr(n, 'role') === 'status'), 'a live region for screen readers');
  });
});

describe('panel HTML: escaping', () => {
  const hostile = '</title><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';

  test('a hostile title and hostile URIs stay text and attribute values', () => {
    const options: PanelHtmlOptions = {
      ...SAFE,
      title: hostile,
      scriptUri: 'x.js" onload="window.__pwned=1" data-x="',
      katexCssUri: '"><script>window.__pwned=1</script><link href="',
      panelCssUri: "'><img src=x onerror=window.__pwned=1>&amp;",
    };
    const all = page(options);
    assert.equal(all.filter((n) => n.tagName === 'script').length, 1, 'no script injected');
    assert.equal(all.filter((n) => n.tagName === 'img').length, 0, 'no image injected');
    assert.equal(all.filter((n) => n.tagName === 'link').length, 2, 'no link injected');
    assert.equal(text(all.find((n) => n.tagName === 'title')!), hostile);
    const script = all.find((n) => n.tagName === 'script')!;
    assert.equal(attr(script, 'src'), options.scriptUri);
    assert.equal(attr(script, 'onload'), undefined);
    const links = all.filter((n) => n.tagName === 'link').map((n) => attr(n, 'href'));
    assert.deepEqual(links, [options.katexCssUri, options.panelCssUri]);
    for (const n of all) for (const a of n.attrs ?? []) assert.ok(!/^on/i.test(a.name), `no ${a.name} on ${n.tagName}`);
  });

  test('a nonce or a source list that could break out of the policy is refused', () => {
    for (const nonce of ["abc' 'unsafe-inline", 'abc;script-src *', 'a"b', '', 'abc def']) {
      assert.throws(() => panelHtml({ ...SAFE, nonce }), TypeError, nonce);
    }
    for (const cspSource of ["'unsafe-inline'", 'https://x; script-src *', 'https://x, script-src *', '"><script>', '', ' ', 'a\nb', 'a\\b']) {
      assert.throws(() => panelHtml({ ...SAFE, cspSource }), TypeError, cspSource);
    }
    // VS Code may give several sources, separated by spaces.
    // code-server's webviews give `'self'` too.
    assert.doesNotThrow(() => panelHtml({ ...SAFE, cspSource: "'self' https://*.vscode-cdn.net" }));
    const { directives } = policy(page({ ...SAFE, cspSource: 'https://a.example https://*.b.example' }));
    assert.deepEqual(directives.get('style-src'), ['https://a.example', 'https://*.b.example']);
  });
});

test('makeNonce: fresh, at least 128 random bits, and valid in a CSP nonce source', () => {
  const nonces = Array.from({ length: 200 }, makeNonce);
  assert.equal(new Set(nonces).size, nonces.length);
  for (const n of nonces) {
    assert.match(n, /^[A-Za-z0-9_-]+$/);
    assert.ok(Buffer.from(n, 'base64url').length * 8 >= 128, `${n} carries ≥128 bits`);
    assert.doesNotThrow(() => panelHtml({ ...SAFE, nonce: n }));
  }
  // Not a fixed alphabet walk: every base64url character turns up over many nonces.
  assert.ok(new Set(nonces.join('')).size > 50);
});
