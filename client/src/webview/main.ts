// The gradient panel's page script (bundled into dist/webview.js): folds the extension's messages into a view,
// redraws it, keeps the target as webview state for the serializer, and posts the user's clicks back.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { FromPanelMessage, PanelTarget, ToPanelMessage } from '../../../server/src/protocol';
import { announcement, renderPanel, type PanelView } from './render';

/** The part of the webview API this page uses. VS Code allows acquiring it once per page. */
interface VsCodeApi {
  postMessage(message: FromPanelMessage): void;
  setState(state: PanelTarget): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('panel')!;
const announcer = document.getElementById('announce')!;
let view: PanelView | undefined;

function isTarget(v: unknown): v is PanelTarget {
  const t = v as Partial<PanelTarget> | null;
  return typeof t === 'object' && t !== null && typeof t.uri === 'string' && typeof t.of === 'string' && typeof t.wrt === 'string';
}

/** Messages come from the extension host, but the page checks their form rather than trusting any `message` event. */
function isToPanelMessage(v: unknown): v is ToPanelMessage {
  const m = v as { type?: unknown; target?: unknown; response?: unknown } | null;
  if (typeof m !== 'object' || m === null || !isTarget(m.target)) return false;
  if (m.type === 'pending' || m.type === 'detached') return true;
  const r = m.response as { symbols?: unknown } | null;
  return m.type === 'result' && typeof r === 'object' && r !== null && Array.isArray(r.symbols);
}

function next(previous: PanelView | undefined, message: ToPanelMessage): PanelView {
  switch (message.type) {
    case 'pending':
      return { target: message.target, fileName: message.fileName, pending: true, shown: previous?.shown };
    case 'result':
      return {
        target: message.target, fileName: message.fileName, pending: false,
        shown: { target: message.target, languageId: message.languageId, response: message.response },
      };
    case 'detached':
      return { target: message.target, fileName: previous?.fileName ?? '', pending: false, shown: previous?.shown, detached: message.reason };
    default:
      return assertNever(message);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}

/** Redrawing replaces the buttons: the one that had focus gets it back, so keyboard users keep their place. */
function render(): void {
  if (!view) return;
  const focused = document.activeElement?.getAttribute('data-focus-key');
  renderPanel(root, view, (message) => vscode.postMessage(message));
  announcer.textContent = announcement(view);
  if (!focused) return;
  const again = [...root.querySelectorAll<HTMLElement>('[data-focus-key]')].find((n) => n.getAttribute('data-focus-key') === focused);
  again?.focus();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isToPanelMessage(event.data)) return;
  const message = event.data;
  view = next(view, message);
  // The target is what the serializer restores after a reload: saved as soon as it is asked for.
  if (message.type !== 'detached') vscode.setState(message.target);
  render();
});

vscode.postMessage({ type: 'ready' });
