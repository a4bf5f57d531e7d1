// The `mcalc` command line: argument handling and dispatch to the commands.
import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { runGrad } from './grad';
import { version } from './version';

const HELP = `mcalc ${version} — matrix calculus: shapes, dimension checks and gradients

Usage:
  mcalc check FILE…            check .mcalc files and Markdown notes (\`\`\`mcalc blocks)
  mcalc check FILE… --json     the diagnostics as JSON (0-based LSP ranges)
  mcalc check FILE… [--symmetric symmetric] [--seed N] [--tolerance T]
                               claims on a symmetric X as gradients within symmetric
                               matrices (default: unconstrained, X's entries independent);
                               the seed of the claims' random sizes and points (default 1);
                               their relative tolerance (default 1e-6)
  mcalc grad FILE [--of f] --wrt X[,Y…] [--to mcalc|latex|numpy|json] [--seed N] [--no-check]
                 [--symmetric unconstrained|symmetric] [--tolerance T]
                               ∂f/∂X in closed form, with its finite-difference check;
                               --of defaults to the last scalar definition, and without
                               --wrt the file's \`grad f wrt …\` lines are used; for a
                               symmetric X the unconstrained gradient is the default
  mcalc --help | --version

check prints FILE:LINE:COL: severity: message [CODE], 1-based; under a claimed derivative the
numbers contradict (W401), a note with the one mcalc derives; on stderr, a summary that counts
the claims read and how they fared. Exit status: 0 no errors (grad:
every gradient derived and checked), 1 errors found or a claim the numbers contradict (grad: a
check failed or could not be derived), 2 bad usage or unreadable file.
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
        of: { type: 'string' },
        wrt: { type: 'string', multiple: true },
        to: { type: 'string' },
        seed: { type: 'string' },
        'no-check': { type: 'boolean' },
        symmetric: { type: 'string' },
        tolerance: { type: 'string' },
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
      return runCheck(files, {
        json: values.json ?? false,
        ...(values.symmetric !== undefined ? { symmetric: values.symmetric } : {}),
        ...(values.seed !== undefined ? { seed: values.seed } : {}),
        ...(values.tolerance !== undefined ? { tolerance: values.tolerance } : {}),
      });
    case 'grad':
      return runGrad(files, {
        wrt: values.wrt ?? [],
        check: !values['no-check'],
        ...(values.of !== undefined ? { of: values.of } : {}),
        ...(values.to !== undefined ? { to: values.to } : {}),
        ...(values.seed !== undefined ? { seed: values.seed } : {}),
        ...(values.tolerance !== undefined ? { tolerance: values.tolerance } : {}),
        ...(values.symmetric !== undefined ? { symmetric: values.symmetric } : {}),
      });
    default:
      process.stderr.write(`mcalc: unknown command '${command}'\n\nRun 'mcalc --help' for usage.\n`);
      return 2;
  }
}

// Output into a pipe whose reader has gone (`mcalc check … | head -3`) is not an error of ours: stop quietly, with
// the status the command had. Without a listener, Node throws the write's EPIPE as a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit();
  process.stderr.write(`mcalc: cannot write the output: ${e.message}\n`);
  process.exit(74);
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  // A thrown error is a bug in mcalc, not in the input: say so plainly, with what to report.
  process.stderr.write(`mcalc: internal error: ${(e as Error).message}\nPlease report it with the file that caused it.\n`);
  process.exitCode = 70;
}
