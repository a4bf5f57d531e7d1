// Diagnostics of the core: stable codes, severities, offsets. The LSP layer and the CLI only convert them.
import { placeOf, type Span } from './syntax/span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

/** An edit in offsets of the analysed text; quick fixes are lists of these. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly Fix[];
}

/**
 * Every diagnostic code, with its meaning. Codes are stable: tests, docs and users refer to them.
 * Kept in one table so `docs/language.md` and the fixtures can be checked against it.
 */
export const DIAGNOSTIC_CODES = {
  E001: 'syntax error',
  E002: 'unclosed bracket',
  E003: 'invalid shape',
  E004: 'unknown property',
  E005: 'unknown character',
  E006: 'invalid exponent',
  E007: 'expression too deeply nested',
  E101: 'undeclared name',
  E102: 'redefinition',
  E103: 'unknown function',
  E104: 'wrong number of arguments',
  E105: 'reserved name',
  E106: 'property does not fit the shape',
  E201: 'matrix product: inner sizes differ',
  E202: 'Kronecker product: operand size unknown',
  E203: 'sum: shapes differ',
  E204: 'Hadamard product or entry-wise division: shapes differ',
  E205: 'Frobenius product: shapes differ',
  E206: 'square matrix required',
  E207: 'diag needs a vector or a square matrix',
  E209: 'identity: size cannot be inferred or does not fit',
  E210: 'zeros/ones/identity: invalid size',
  E211: 'scalar added to a matrix',
  E212: 'division by a non-scalar',
  E213: 'dimension is not a size expression',
  E214: 'partial trace: the sizes are not multiples of the block size',
  E215: 'unvec: the vector does not have m·n entries',
  E301: 'gradient of a non-scalar',
  E302: 'not a declared symbol',
  E303: 'claimed derivative has the wrong shape',
  E304: 'size fact conflicts',
  W401: 'claimed derivative disagrees with the numbers',
  I402: 'numeric check could not be made',
  H501: 'Kronecker product next to an unparenthesised product',
  H502: 'entry-wise product followed by a matrix product',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function severityOf(code: DiagnosticCode): Severity {
  switch (code[0]) {
    case 'E': return 'error';
    case 'W': return 'warning';
    case 'I': return 'information';
    default: return 'hint';
  }
}

export function diagnostic(
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra: { related?: RelatedInfo[]; fixes?: Fix[] } = {},
): Diagnostic {
  // Copies of the spans: those given may be syntax nodes (every node is its own span), which a diagnostic should not
  // hold — it outlives its tree when an edit moves it, and it is compared and sent as plain offsets.
  const d: Diagnostic = { code, severity: severityOf(code), message, span: placeOf(span) };
  if (!extra.related && !extra.fixes) return d;
  return {
    ...d,
    ...(extra.related ? { related: extra.related.map((r) => ({ ...r, span: placeOf(r.span) })) } : {}),
    ...(extra.fixes ? { fixes: extra.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: placeOf(e.span) })) })) } : {}),
  };
}
