// Entry of the mcalc language server: `mcalc-language-server --stdio` for any editor, IPC inside VS Code.
import { createConnection as connectTo } from 'node:net';
import { createConnection, ProposedFeatures, SocketMessageReader, SocketMessageWriter, type Connection } from 'vscode-languageserver/node';
import { version } from '../cli/version';
import { startServer } from './server';

const USAGE = `mcalc-language-server ${version} — the mcalc language server (LSP)

Usage:
  mcalc-language-server --stdio          for any editor (see docs/language-server.md)
  mcalc-language-server --node-ipc       inside VS Code
  mcalc-language-server --socket=PORT | --pipe=NAME
`;

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
if (args.includes('--help') || !args.some((a) => /^--(stdio|node-ipc|socket=|pipe=)/.test(a))) {
  const help = args.includes('--help');
  (help ? process.stdout : process.stderr).write(USAGE);
  process.exit(help ? 0 : 2);
}

/**
 * The transport comes from argv: --stdio, --node-ipc, --socket=N or --pipe=NAME. The library makes the first two; the
 * sockets are made here, for two reasons. The TCP socket goes without Nagle's algorithm: a message is written as its
 * header, then its body, and with the algorithm on, the body waited for the client's delayed acknowledgement of the
 * header — 40 ms more for every answer and notification (a request's round trip over --socket took 44 ms, over
 * --pipe 1 ms). And the server ends when the client closes either socket, as it does when stdin ends: the library
 * left it running, with no one to talk to.
 */
function connectionFromArgs(): Connection {
  const value = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const port = value('socket');
  const pipe = value('pipe');
  if (port === undefined && pipe === undefined) return createConnection(ProposedFeatures.all);
  const socket = port !== undefined ? connectTo(Number(port), '127.0.0.1').setNoDelay(true) : connectTo(pipe!);
  socket.on('close', () => process.exit(1));
  return createConnection(ProposedFeatures.all, new SocketMessageReader(socket), new SocketMessageWriter(socket));
}

const connection = connectionFromArgs();

// Over stdio, stdout is the protocol: anything printed must go to the client's log instead.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));

process.on('uncaughtException', (e) => connection.console.error(`mcalc: uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`mcalc: unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

startServer(connection);
