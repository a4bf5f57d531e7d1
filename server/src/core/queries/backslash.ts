// Backslash names (as in LaTeX) that completion turns into mcalc's Unicode symbols: \otimes → ⊗, \alpha → α.

export interface BackslashName {
  /** Without the backslash. */
  readonly name: string;
  readonly symbol: string;
  readonly doc: string;
  /** Operators and notation, or a letter that can start a name. */
  readonly kind: 'operator' | 'letter';
}

const op = (name: string, symbol: string, doc: string): BackslashName => ({ name, symbol, doc, kind: 'operator' });

const OPERATORS: readonly BackslashName[] = [
  op('otimes', '⊗', 'Kronecker product'),
  op('odot', '⊙', 'Hadamard (entry-wise) product'),
  op('circ', '∘', 'Hadamard (entry-wise) product'),
  op('cdot', '·', 'matrix product (also in sizes: q·n)'),
  op('times', '×', 'shape: m × n'),
  op('T', 'ᵀ', 'transpose'),
  op('top', 'ᵀ', 'transpose'),
  op('intercal', 'ᵀ', 'transpose'),
  op('inv', '⁻¹', 'inverse'),
  op('invT', '⁻ᵀ', 'inverse transpose'),
  op('partial', '∂', 'claimed derivative: ∂f/∂X = …'),
  op('in', '∈', 'declaration: A ∈ ℝ^{m×n}'),
  op('R', 'ℝ', 'real matrices: ℝ^{m×n}, ℝ^n'),
  op('reals', 'ℝ', 'real matrices: ℝ^{m×n}, ℝ^n'),
  op('langle', '⟨', 'Frobenius product ⟨A, B⟩'),
  op('rangle', '⟩', 'Frobenius product ⟨A, B⟩'),
  op('norm', '‖', 'Frobenius norm ‖X‖'),
  op('Vert', '‖', 'Frobenius norm ‖X‖'),
  op('|', '‖', 'Frobenius norm ‖X‖'),
  op('prime', '′', 'transpose'),
  op('minus', '−', 'minus'),
  ...[...'0123456789'].map((d, i) => op(`_${d}`, '₀₁₂₃₄₅₆₇₈₉'[i]!, `subscript ${d} (in names: W₁, tr₁)`)),
  ...[...'23456789'].map((d, i) => op(`^${d}`, '²³⁴⁵⁶⁷⁸⁹'[i]!, `power ${d}`)),
];

/** LaTeX's Greek letters; \epsilon, \phi and \vartheta are the LaTeX glyphs, \varepsilon and \varphi the others. */
const GREEK: ReadonlyArray<[string, string]> = [
  ['alpha', 'α'], ['beta', 'β'], ['gamma', 'γ'], ['delta', 'δ'], ['epsilon', 'ϵ'], ['varepsilon', 'ε'],
  ['zeta', 'ζ'], ['eta', 'η'], ['theta', 'θ'], ['vartheta', 'ϑ'], ['iota', 'ι'], ['kappa', 'κ'],
  ['lambda', 'λ'], ['mu', 'μ'], ['nu', 'ν'], ['xi', 'ξ'], ['pi', 'π'], ['varpi', 'ϖ'], ['rho', 'ρ'],
  ['varrho', 'ϱ'], ['sigma', 'σ'], ['varsigma', 'ς'], ['tau', 'τ'], ['upsilon', 'υ'], ['phi', 'ϕ'],
  ['varphi', 'φ'], ['chi', 'χ'], ['psi', 'ψ'], ['omega', 'ω'],
  ['Gamma', 'Γ'], ['Delta', 'Δ'], ['Theta', 'Θ'], ['Lambda', 'Λ'], ['Xi', 'Ξ'], ['Pi', 'Π'],
  ['Sigma', 'Σ'], ['Upsilon', 'Υ'], ['Phi', 'Φ'], ['Psi', 'Ψ'], ['Omega', 'Ω'],
];

export const BACKSLASH_NAMES: readonly BackslashName[] = [
  ...OPERATORS,
  ...GREEK.map(([name, symbol]): BackslashName => ({ name, symbol, doc: `Greek letter ${name}`, kind: 'letter' })),
];

/** The names a typed prefix may mean: an exact match first, then the others that start with it (case-insensitive). */
export function backslashMatches(prefix: string): BackslashName[] {
  const p = prefix.toLowerCase();
  const hits = BACKSLASH_NAMES.filter((b) => b.name.toLowerCase().startsWith(p));
  return [...hits.filter((b) => b.name === prefix), ...hits.filter((b) => b.name !== prefix)];
}
