// `node out/bench/editor-main.js [--server path] [--positions n] [--blocks n] [--hovers n] [--growth 1000,10000]`: the
// editor-latency part of the bench alone, e.g. to measure another build of the server or to profile it.
import { editorLatency } from './editor';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const num = (name: string): number | undefined => (arg(name) === undefined ? undefined : Number(arg(name)));
const growth = arg('growth');

editorLatency((s) => process.stdout.write(s), {
  ...(arg('server') ? { server: arg('server')! } : {}),
  ...(num('positions') !== undefined ? { positions: num('positions')! } : {}),
  ...(num('blocks') !== undefined ? { blocks: num('blocks')! } : {}),
  ...(num('hovers') !== undefined ? { hovers: num('hovers')! } : {}),
  ...(growth !== undefined ? { growthLines: growth ? growth.split(',').map(Number) : [] } : {}),
}).then((r) => process.stdout.write(`${JSON.stringify(r, null, 1)}\n`), (e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
