// The settings of mcalc, defined once: the server reads them, package.json's contributes.configuration is generated from them.
// No runtime imports: scripts/sync-settings.mjs loads this file on its own.

export type Symmetric = 'unconstrained' | 'symmetric';

export interface Settings {
  readonly check: { readonly enabled: boolean; readonly tolerance: number };
  readonly gradient: { readonly symmetric: Symmetric };
  readonly inlayHints: { readonly enabled: boolean };
  readonly trace: { readonly server: 'off' | 'messages' | 'verbose' };
}

export interface SettingSpec {
  /** Full name, `mcalc.` + the path in Settings. */
  readonly name: string;
  readonly type: 'boolean' | 'number' | 'string';
  readonly default: boolean | number | string;
  readonly description: string;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  /** VS Code's scope: 'resource' (per folder/file, the default here) or 'window'. */
  readonly scope?: 'resource' | 'window';
}

export const SECTION = 'mcalc';

export const SETTINGS: readonly SettingSpec[] = [
  {
    name: 'mcalc.check.enabled',
    type: 'boolean',
    default: true,
    description: 'Check every claimed derivative (∂f/∂X = …) and every derived gradient numerically, by finite differences at random points.',
  },
  {
    name: 'mcalc.check.tolerance',
    type: 'number',
    default: 1e-6,
    exclusiveMinimum: 0,
    description: 'Relative tolerance of the numeric check, against the norm of the gradient.',
  },
  {
    name: 'mcalc.gradient.symmetric',
    type: 'string',
    default: 'unconstrained',
    enum: ['unconstrained', 'symmetric'],
    enumDescriptions: [
      'The gradient with the entries of a symmetric variable taken as independent (G).',
      'The gradient within symmetric matrices, sym(G) = (G + Gᵀ)/2.',
    ],
    description: 'Which gradient to give with respect to a symmetric (or spd) variable, and which one a claimed derivative ∂f/∂X = … is checked as.',
  },
  {
    name: 'mcalc.inlayHints.enabled',
    type: 'boolean',
    default: true,
    description: 'Show the inferred shape after each definition as an inlay hint.',
  },
  {
    name: 'mcalc.trace.server',
    type: 'string',
    default: 'off',
    enum: ['off', 'messages', 'verbose'],
    scope: 'window',
    description: 'Trace the communication between VS Code and the mcalc language server (in the output channel).',
  },
];

/** The `contributes.configuration.properties` object of package.json, as the table defines it. */
export function configurationProperties(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of SETTINGS) {
    const { name, ...rest } = s;
    out[name] = { scope: 'resource', ...rest };
  }
  return out;
}

/**
 * Settings from what a client answers for section `mcalc`: nested objects (`{check: {enabled}}`, VS Code's way)
 * or dotted keys (`{'check.enabled': …}`); anything missing or of the wrong type takes the default.
 */
export function readSettings(raw: unknown): Settings {
  const get = (spec: SettingSpec): boolean | number | string => {
    const path = spec.name.slice(SECTION.length + 1);
    const value = lookup(raw, path);
    if (typeof value !== spec.type) return spec.default;
    if (spec.enum && !spec.enum.includes(value as string)) return spec.default;
    if (typeof value === 'number' && (!Number.isFinite(value) || (spec.exclusiveMinimum !== undefined && value <= spec.exclusiveMinimum))) {
      return spec.default;
    }
    return value as boolean | number | string;
  };
  const v = new Map(SETTINGS.map((s) => [s.name, get(s)]));
  return {
    check: { enabled: v.get('mcalc.check.enabled') as boolean, tolerance: v.get('mcalc.check.tolerance') as number },
    gradient: { symmetric: v.get('mcalc.gradient.symmetric') as Symmetric },
    inlayHints: { enabled: v.get('mcalc.inlayHints.enabled') as boolean },
    trace: { server: v.get('mcalc.trace.server') as Settings['trace']['server'] },
  };
}

export const DEFAULT_SETTINGS: Settings = readSettings(undefined);

function lookup(raw: unknown, path: string): unknown {
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  if (path in record) return record[path];
  const dot = path.indexOf('.');
  return dot < 0 ? undefined : lookup(record[path.slice(0, dot)], path.slice(dot + 1));
}
