// The boundary: a thrown error is a bug, logged and answered with a safe fallback; the server keeps running.
import type { CancellationToken, Connection } from 'vscode-languageserver';

export type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

/** Wraps a request handler: errors are logged to the client and answered with `fallback`. */
export function guard<P, R>(connection: Connection, name: string, fallback: R, handler: Handler<P, R>): (params: P, token: CancellationToken) => Promise<R> {
  return guardWith(connection, name, () => fallback, handler);
}

/** The same, with a fallback made from the request (codeAction/resolve answers the action unresolved). */
export function guardWith<P, R>(
  connection: Connection, name: string, fallback: (params: P) => R, handler: Handler<P, R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (e) {
      logError(connection, name, e);
      return fallback(params);
    }
  };
}

/** Wraps a notification handler the same way (there is nothing to answer). */
export function guardNotification<P>(connection: Connection, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    Promise.resolve()
      .then(() => handler(params))
      .catch((e: unknown) => logError(connection, name, e));
  };
}

export function logError(connection: Connection, name: string, e: unknown): void {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  connection.console.error(`mcalc: ${name} failed: ${detail}`);
}

/**
 * Lets queued messages (a $/cancelRequest above all) be read before more work is done: synchronous work
 * never sees a cancellation that has not been read yet.
 */
export function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Pauses, then says whether the request was cancelled meanwhile. */
export async function cancelled(token: CancellationToken): Promise<boolean> {
  await pause();
  return token.isCancellationRequested;
}
