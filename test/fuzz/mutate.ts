// Generator (b): the project's own fixtures and examples, mutated — slices deleted, inserted, duplicated and
// swapped, characters replaced, line breaks turned into CRLF — so that inputs stay close to real documents.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { LanguageId } from '../../server/src/core';
import { mcalcText } from './text';

export interface Seed {
  readonly file: string;
  readonly text: string;
  readonly languageId: LanguageId;
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  }).filter((p) => /\.(mcalc|md)$/.test(p)).sort();
}

/** Every fixture and example (read from the repository root), with its language. */
export function loadSeeds(root = '.'): Seed[] {
  return ['test/fixtures', 'examples', '../shared/examples'].flatMap((d) => files(join(root, d))).map((file) => ({
    file,
    text: readFileSync(file, 'utf8'),
    languageId: file.endsWith('.md') ? 'markdown' : 'mcalc',
  }));
}

/** Positions are fractions of the current length, so a mutation means something at any length. */
const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export type Mutation =
  | { readonly kind: 'delete'; readonly from: number; readonly length: number }
  | { readonly kind: 'insert'; readonly from: number; readonly text: string }
  | { readonly kind: 'duplicate'; readonly from: number; readonly length: number; readonly to: number }
  | { readonly kind: 'swap'; readonly from: number; readonly length: number; readonly to: number }
  | { readonly kind: 'replace-char'; readonly from: number; readonly char: string }
  | { readonly kind: 'crlf' };

const length = fc.integer({ min: 1, max: 80 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), from: at, length }),
  fc.record({ kind: fc.constant('insert' as const), from: at, text: fc.oneof(mcalcText, fc.string({ maxLength: 3 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), from: at, length, to: at }),
  fc.record({ kind: fc.constant('swap' as const), from: at, length, to: at }),
  fc.record({
    kind: fc.constant('replace-char' as const), from: at,
    char: fc.oneof(fc.constantFrom('(', ')', '⊗', 'ᵀ', '\n', '`', '$', ' ', '=', ':', ',', '#', '\\', '×', 'x'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  }),
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
);

export function applyMutation(text: string, m: Mutation): string {
  const pos = (f: number): number => Math.floor(f * (text.length + 1));
  switch (m.kind) {
    case 'delete': {
      const i = pos(m.from);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'insert': {
      const i = pos(m.from);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'duplicate': {
      const i = pos(m.from);
      const slice = text.slice(i, i + m.length);
      const j = pos(m.to);
      return text.slice(0, j) + slice + text.slice(j);
    }
    case 'swap': {
      // Two slices of the same length trade places (when they do not overlap).
      const [i, j] = [pos(m.from), pos(m.to)].sort((a, b) => a - b) as [number, number];
      const n = Math.min(m.length, j - i, text.length - j);
      if (n <= 0) return text;
      return text.slice(0, i) + text.slice(j, j + n) + text.slice(i + n, j) + text.slice(i, i + n) + text.slice(j + n);
    }
    case 'replace-char': {
      const i = Math.min(pos(m.from), Math.max(0, text.length - 1));
      return text.slice(0, i) + m.char + text.slice(i + 1);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
  }
}

export interface MutatedInput {
  readonly file: string;
  readonly languageId: LanguageId;
  readonly text: string;
  readonly mutations: readonly Mutation[];
}

/** A seed file with one to eight mutations; now and then read in the other language (mcalc as Markdown and back). */
export function mutatedFixture(seeds: readonly Seed[]): fc.Arbitrary<MutatedInput> {
  if (seeds.length === 0) throw new Error('no fixtures or examples found: run from the repository root');
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 9 }))
    .map(([seed, mutations, swapLanguage]) => ({
      file: seed.file,
      languageId: swapLanguage === 0 ? (seed.languageId === 'markdown' ? 'mcalc' : 'markdown') : seed.languageId,
      text: mutations.reduce(applyMutation, seed.text),
      mutations,
    }));
}
