// How an mcalc name is typeset in LaTeX: W1 → W_{1}, lambda and λ → \lambda, nll → \mathrm{nll}.
import { asciiSubscripts } from '../syntax/lexer';

/** Names spelled as a Greek letter's LaTeX command (KaTeX knows all of these; it has no \omicron). */
const GREEK_WORDS = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon',
  'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

/**
 * Unicode letters with their LaTeX form. The common glyphs decide between variants: ε (U+03B5) and φ (U+03C6)
 * are drawn open and loopy in most fonts, as \varepsilon and \varphi are; ϵ and ϕ are \epsilon and \phi.
 * Capitals that look Latin have no command and print as the Latin letter.
 */
const LETTERS: Readonly<Record<string, string>> = {
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\varepsilon', ϵ: '\\epsilon', ζ: '\\zeta',
  η: '\\eta', θ: '\\theta', ϑ: '\\vartheta', ι: '\\iota', κ: '\\kappa', λ: '\\lambda', μ: '\\mu', ν: '\\nu',
  ξ: '\\xi', ο: 'o', π: '\\pi', ϖ: '\\varpi', ρ: '\\rho', ϱ: '\\varrho', σ: '\\sigma', ς: '\\varsigma',
  τ: '\\tau', υ: '\\upsilon', φ: '\\varphi', ϕ: '\\phi', χ: '\\chi', ψ: '\\psi', ω: '\\omega',
  Α: 'A', Β: 'B', Γ: '\\Gamma', Δ: '\\Delta', Ε: 'E', Ζ: 'Z', Η: 'H', Θ: '\\Theta', Ι: 'I', Κ: 'K',
  Λ: '\\Lambda', Μ: 'M', Ν: 'N', Ξ: '\\Xi', Ο: 'O', Π: '\\Pi', Ρ: 'P', Σ: '\\Sigma', Τ: 'T', Υ: '\\Upsilon',
  Φ: '\\Phi', Χ: 'X', Ψ: '\\Psi', Ω: '\\Omega', ℓ: '\\ell',
};

/**
 * The LaTeX of a name. Rules, in order:
 * - `base_sub` → base_{sub}, each part typeset by these rules (W_out → W_{\mathrm{out}});
 * - trailing digits (ASCII or subscript) become a subscript: W1, W₁ → W_{1}; s2 → s_{2};
 * - a single letter is itself (Greek letters as their command: α → \alpha);
 * - a Greek letter's name is its command: lambda → \lambda, Sigma → \Sigma;
 * - any other word is upright: lam → \mathrm{lam}, nll → \mathrm{nll}.
 */
export function latexName(raw: string): string {
  const name = asciiSubscripts(raw);
  const us = name.indexOf('_');
  if (us > 0 && us < name.length - 1) return `${word(name.slice(0, us))}_{${latexName(name.slice(us + 1))}}`;
  const digits = /^(.*[^0-9])([0-9]+)$/u.exec(name);
  if (digits) return `${word(digits[1]!)}_{${digits[2]}}`;
  return word(name);
}

function word(w: string): string {
  if (/^[0-9]+$/.test(w)) return w;
  if (GREEK_WORDS.has(w)) return `\\${w}`;
  const chars = [...w];
  if (chars.length === 1) return letter(chars[0]!);
  if (/^[A-Za-z0-9]+$/.test(w)) return `\\mathrm{${w}}`;
  // A word mixing scripts (σx, ab_): letter by letter, grouped so a script that follows applies to all of it.
  return `{${chars.map(letter).join(' ')}}`;
}

function letter(c: string): string {
  if (/^[A-Za-z0-9]$/.test(c)) return c;
  if (c === '_') return '\\_';
  // Other letters go through \text, which KaTeX typesets for any script its fonts cover, without a strict-mode warning.
  return LETTERS[c] ?? `\\text{${c}}`;
}
