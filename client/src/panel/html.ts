// The gradient panel's HTML: a static shell under a strict Content-Security-Policy; the page script fills it in.
// Pure (no vscode import), so tests can build the page and load it in a browser.
import { randomBytes } from 'node:crypto';

export interface PanelHtmlOptions {
  /** The webview's `cspSource` (the origin its local resources are served from). */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly katexCssUri: string;
  readonly panelCssUri: string;
  readonly title: string;
}

/** 144 random bits as base64url: a fresh one for every page, so a script can only run if we wrote its tag. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** CSP nonces are base64 or base64url (CSP3 `base64-value`); anything else would break out of the quotes. */
const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * VS Code's cspSource is one or more source expressions separated by spaces (`https://*.vscode-cdn.net`, and in
 * code-server `'self' https://*.vscode-cdn.net`): `'self'` or printable ASCII without the characters that would
 * end the list (`;`, `,`), quote (so no `'unsafe-inline'`), or leave the attribute.
 */
function isSourceList(s: string): boolean {
  return s.split(' ').every((token) => token === "'self'" || (/^[\x21-\x7e]+$/.test(token) && !/[;,'"<>\\]/.test(token)));
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { cspSource, nonce } = options;
  if (!NONCE.test(nonce)) throw new TypeError(`not a CSP nonce: ${JSON.stringify(nonce)}`);
  if (!isSourceList(cspSource)) throw new TypeError(`not a CSP source list: ${JSON.stringify(cspSource)}`);
  const csp = [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ') + ';';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(options.katexCssUri)}">
<link rel="stylesheet" href="${escapeHtml(options.panelCssUri)}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="panel">
<p class="placeholder">Waiting for a derivation…</p>
</main>
<p id="announce" class="visually-hidden" role="status"></p>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attribute values alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
