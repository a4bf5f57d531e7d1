// The `mcalc` command line: argument handling and dispatch to the commands.
import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { version } from './version';

const HELP = `mcalc ${version} — matrix calculus: shapes, dimension checks and gradients

Usage:
  mcalc check FILE…            check .mcalc files and Markdown notes (\`\`\`mcalc blocks)
  mcalc check FILE… --json     the diagnostics as JSON (0-based LSP ranges)
  mcalc --help | --version

Output: FILE:LINE:COL: severity: message [CODE], 1-based. Exit status: 0 no errors,
1 errors found, 2 bad usage or unreadable file.
`;

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        json: { type: 'boolean' },
      },
    });
  } catch (e) {
    process.stderr.write(`mcalc: ${(e as Error).message}\n\nRun 'mcalc --help' for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const [command, ...files] = positionals;
  if (values.help || !command) {
    (values.help ? process.stdout : process.stderr).write(HELP);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case 'check':
      return runCheck(files, { json: values.json ?? false });
    default:
      process.stderr.write(`mcalc: unknown command '${command}'\n\nRun 'mcalc --help' for usage.\n`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
