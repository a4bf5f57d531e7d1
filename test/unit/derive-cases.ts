// Gradient test cases: the declarations, f, the variable, and — for the Matrix Cookbook identities —
// the compact form the engine must print (snapshots of readability; correctness is judged by numbers).
export interface DeriveCase {
  readonly name: string;
  readonly text: string;
  readonly of: string;
  readonly wrt: string;
  /** The expected mcalc (canonical printing); omitted where only the numbers matter. */
  readonly expect?: string;
}

const c = (name: string, decls: string, f: string, wrt: string, expect?: string): DeriveCase => ({
  name, text: `${decls}\nf = ${f}\n`, of: 'f', wrt, ...(expect !== undefined ? { expect } : {}),
});

const SQ = 'X : n × n\nA : n × n\nB : n × n';

/** Matrix Cookbook identities (section numbers of the 2012 edition), with their compact forms. */
export const COOKBOOK: readonly DeriveCase[] = [
  c('(100) ∂ tr(X)', SQ, 'tr(X)', 'X', 'I_n'),
  c('(101) ∂ tr(XA)', SQ, 'tr(X A)', 'X', 'Aᵀ'),
  c('(102) ∂ tr(AXB)', 'X : n × m\nA : p × n\nB : m × p', 'tr(A X B)', 'X', 'Aᵀ Bᵀ'),
  c('(103) ∂ tr(AXᵀB)', 'X : n × m\nA : p × m\nB : n × p', 'tr(A Xᵀ B)', 'X', 'B A'),
  c('(104) ∂ tr(XᵀA)', 'X : n × m\nA : n × m', 'tr(Xᵀ A)', 'X', 'A'),
  c('(105) ∂ tr(AXᵀ)', 'X : n × m\nA : n × m', 'tr(A Xᵀ)', 'X', 'A'),
  c('(106) ∂ tr(A ⊗ X)', 'X : n × n\nA : p × p', 'tr(A ⊗ X)', 'X', 'tr(A) I_n'),
  c('(107) ∂ tr(X²)', SQ, 'tr(X^2)', 'X', '2 Xᵀ'),
  c('(108) ∂ tr(X²B)', SQ, 'tr(X^2 B)', 'X', 'Bᵀ Xᵀ + Xᵀ Bᵀ'),
  c('(109) ∂ tr(XᵀBX)', 'X : n × m\nB : n × n', 'tr(Xᵀ B X)', 'X', '(B + Bᵀ) X'),
  c('(110) ∂ tr(BXXᵀ)', 'X : n × m\nB : n × n', 'tr(B X Xᵀ)', 'X', '(B + Bᵀ) X'),
  c('(111) ∂ tr(XXᵀB)', 'X : n × m\nB : n × n', 'tr(X Xᵀ B)', 'X', '(B + Bᵀ) X'),
  c('(112) ∂ tr(XBXᵀ)', 'X : m × n\nB : n × n', 'tr(X B Xᵀ)', 'X', 'X (B + Bᵀ)'),
  c('(113) ∂ tr(BXᵀX)', 'X : m × n\nB : n × n', 'tr(B Xᵀ X)', 'X', 'X (B + Bᵀ)'),
  c('(114) ∂ tr(XᵀXB)', 'X : m × n\nB : n × n', 'tr(Xᵀ X B)', 'X', 'X (B + Bᵀ)'),
  c('(116) ∂ tr(XᵀX)', 'X : m × n', 'tr(Xᵀ X)', 'X', '2 X'),
  c('(118) ∂ tr(X³)', SQ, 'tr(X^3)', 'X', '3 (Xᵀ)²'),
  c('(121) ∂ tr(X⁻¹)', SQ, 'tr(X⁻¹)', 'X', '-(X⁻ᵀ)²'),
  c('(124) ∂ tr(AX⁻¹B)', SQ, 'tr(A X⁻¹ B)', 'X', '-X⁻ᵀ Aᵀ Bᵀ X⁻ᵀ'),
  c('(49) ∂ det(X)', SQ, 'det(X)', 'X', 'det(X) X⁻ᵀ'),
  c('(51) ∂ det(AXB)', 'X : n × n\nA : n × n\nB : n × n', 'det(A X B)', 'X', 'det(A X B) Aᵀ (A X B)⁻ᵀ Bᵀ'),
  c('(57) ∂ log det(X)', SQ, 'logdet(X)', 'X', 'X⁻ᵀ'),
  c('(57s) ∂ log det(X), X spd', 'X : n × n, spd', 'logdet(X)', 'X', 'X⁻¹'),
  c('(61) ∂ aᵀX⁻¹b', 'X : n × n\na : vector n\nb : vector n', 'aᵀ X⁻¹ b', 'X', '-X⁻ᵀ a bᵀ X⁻ᵀ'),
  c('(69) ∂ aᵀx', 'x : vector n\na : vector n', 'aᵀ x', 'x', 'a'),
  c('(70) ∂ aᵀXb', 'X : n × m\na : vector n\nb : vector m', 'aᵀ X b', 'X', 'a bᵀ'),
  c('(71) ∂ aᵀXᵀb', 'X : n × m\na : vector m\nb : vector n', 'aᵀ Xᵀ b', 'X', 'b aᵀ'),
  c('(72) ∂ aᵀXa', 'X : n × n\na : vector n', 'aᵀ X a', 'X', 'a aᵀ'),
  c('(81) ∂ xᵀBx', 'x : vector n\nB : n × n', "x' B x", 'x', '(B + Bᵀ) x'),
  c('(81s) ∂ xᵀBx, B symmetric', 'x : vector n\nB : n × n, symmetric', "x' B x", 'x', '2 B x'),
  c('(84) ∂ (Ax + b)ᵀ C (Dx + e)', 'x : vector n\nA : m × n\nb : vector m\nC : m × p\nD : p × n\ne : vector p',
    '(A x + b)ᵀ C (D x + e)', 'x', 'Aᵀ C (D x + e) + Dᵀ Cᵀ (A x + b)'),
  c('(129) ∂ ‖X‖²', 'X : m × n', 'norm(X)^2', 'X', '2 X'),
  c('(130) ∂ ‖x − a‖', 'x : vector n\na : vector n', 'norm(x - a)', 'x', '(x - a) / ‖x - a‖'),
  c('least squares ∂ ‖Ax − b‖²', 'A : m × n\nx : vector n\nb : vector m', 'norm(A x - b)^2', 'x', '2 Aᵀ (A x - b)'),
  c('∂ tr(XᵀAX)', 'X : n × m\nA : n × n', 'tr(Xᵀ A X)', 'X', '(A + Aᵀ) X'),
  c('∂ sum(exp(x))', 'x : vector n', 'sum(exp(x))', 'x', 'exp(x)'),
  c('∂ vec-free logistic', 'w : vector n\nX : m × n\ny : vector m',
    'sum(log(ones(m) + exp(-(y ⊙ (X w)))))', 'w'),
];

/** Every rule, verified by numbers (no snapshot). */
export const RULES: readonly DeriveCase[] = [
  c('negation', 'X : m × n\nA : m × n', '-(A : X)', 'X'),
  c('transpose', 'X : n × n\nA : n × n', 'tr(A Xᵀ Xᵀ)', 'X'),
  c('sum and difference', 'X : n × n\nA : n × n', 'tr(X + A) - tr(X A)', 'X'),
  c('scaling by a scalar symbol', 'X : n × n\ns : scalar', 's * tr(X)', 's'),
  c('scaling: both sides', 'X : n × n\ns : scalar', 'tr(s X X)', 'X'),
  c('division by a scalar', 'X : m × n\ns : scalar, positive', 'sum(X / s)', 's'),
  c('division: numerator', 'X : m × n\ns : scalar, positive', 'sum(X ⊙ X / s)', 'X'),
  c('Hadamard', 'X : m × n\nA : m × n', 'sum(X ⊙ X ⊙ A)', 'X'),
  c('entry-wise division: both sides', 'X : m × n, positive\nA : m × n, positive', 'sum(A ./ X) + sum(X ./ A)', 'X'),
  c('entry-wise power', 'X : m × n, positive', 'sum(X .^ 3)', 'X'),
  c('entry-wise square root power', 'X : m × n, positive', 'sum(X .^ 0.5)', 'X'),
  c('matrix power', 'X : n × n\nA : n × n', 'tr(A X^4)', 'X'),
  c('negative power', 'X : n × n, invertible\nA : n × n', 'tr(A X^-2)', 'X'),
  c('scalar power', 'x : vector n', "(x' x)^3", 'x'),
  c('inverse', 'X : n × n, invertible\nA : n × n', 'tr(A inv(X))', 'X'),
  c('inverse of a sum', 'X : n × n, spd\nA : n × n, spd', 'tr(inv(X + A))', 'X'),
  c('inverse transpose', 'X : n × n, invertible\nA : n × n', 'tr(A X⁻ᵀ)', 'X'),
  c('det', 'X : n × n, invertible', 'det(X)', 'X'),
  c('det of a product', 'm = 2\nn = 3\nX : n × m\nA : m × n', 'det(A X)', 'X'),
  c('logdet of a Gram matrix', 'X : m × n', 'logdet(Xᵀ X + I)', 'X'),
  c('trace of a product chain', 'X : n × n\nA : n × n\nB : n × n', 'tr(A X B X)', 'X'),
  c('Frobenius product', 'X : m × n\nA : m × n', 'X : (A ⊙ X)', 'X'),
  c('Frobenius with angle brackets', 'X : m × n\nA : m × n', '⟨A, X⟩', 'X'),
  c('norm', 'X : m × n', 'norm(X)', 'X'),
  c('norm cubed', 'x : vector n', '‖x‖^3', 'x'),
  c('sum', 'X : m × n\nA : n × m', 'sum(X A)', 'X'),
  c('exp', 'X : m × n\nA : m × n', 'sum(A ⊙ exp(X))', 'X'),
  c('log', 'X : m × n, positive\nA : m × n', 'sum(A ⊙ log(X))', 'X'),
  c('sin and cos', 'X : m × n', 'sum(sin(X) ⊙ cos(X))', 'X'),
  c('tanh', 'x : vector n\nW : n × n', 'sum(tanh(W x))', 'W'),
  c('sigmoid', 'x : vector n\nw : vector n', "sum(sigmoid(x * (w' x)))", 'w'),
  c('sqrt', 'X : m × n, positive', 'sum(sqrt(X))', 'X'),
  c('diag of a vector', 'x : vector n\nA : n × n', 'tr(A diag(x))', 'x'),
  c('diag of a matrix', 'X : n × n\na : vector n', "a' diag(X)", 'X'),
  c('identity and constants', 'X : n × n', 'tr((X + 2 I) ones(n, n))', 'X'),
  c('bare identity', 'K : n × n, spd\ns2 : scalar, positive\ny : vector n', "logdet(K + s2 I) + y' inv(K + s2 I) y", 's2'),
  c('size symbol as a number', 'X : n × n, spd', 'n * logdet(X)', 'X'),
  c('size facts', 'n = 3\nX : n × n', 'tr(X X)', 'X'),
  c('several uses', 'X : n × n', 'tr(X) * tr(X Xᵀ) + det(X)', 'X'),
  c('does not depend', 'X : n × n\nA : n × n', 'tr(A)', 'X', 'zeros(n, n)'),
  c('scalar variable', 'a : scalar\nX : n × n', 'tr(a X) + a^2', 'a'),
  // Kronecker products, in every position.
  c('⊗: right factor', 'A : m × n\nB : p × q\nC : (p·m) × (q·n)', 'tr(Cᵀ (B ⊗ A))', 'A'),
  c('⊗: left factor', 'A : m × n\nB : p × q\nC : (p·m) × (q·n)', 'tr(Cᵀ (B ⊗ A))', 'B'),
  c('⊗: both factors the same', 'A : m × n\nC : (m·m) × (n·n)', 'tr(Cᵀ (A ⊗ A))', 'A'),
  c('⊗: with an identity', 'A : m × n\nC : (p·m) × (p·n)', 'tr(Cᵀ (I_p ⊗ A))', 'A'),
  c('⊗: identity on the right', 'A : m × n\nC : (m·p) × (n·p)', 'tr(Cᵀ kron(A, I(p)))', 'A'),
  c('⊗: of vectors', 'u : vector m\nv : vector n\nc : vector (m·n)', "c' (u ⊗ v)", 'u'),
  c('⊗: nested', 'A : m × n\nB : p × q\nC : r × s\nG : (m·p·r) × (n·q·s)', 'tr(Gᵀ (A ⊗ B ⊗ C))', 'B'),
  c('⊗: between vectors', 'A : m × n\nB : p × q\nu : vector (p·m)\nv : vector (q·n)', "u' (B ⊗ A) v", 'B'),
  c('⊗: inside a trace', 'A : n × n\nB : p × p', 'tr(B ⊗ A)', 'B', 'tr(A) I_p'),
  c('⊗: inside an inverse', 'A : n × n, spd\nB : p × p, spd\nC : (p·n) × (p·n)', 'tr(C inv(B ⊗ A))', 'A'),
  c('⊗: inside logdet', 'A : n × n, spd\nB : p × p, spd', 'logdet(B ⊗ A)', 'A', 'p A⁻¹'),
  c('⊗: inside det', 'A : n × n, invertible\nB : p × p, invertible', 'det(B ⊗ A)', 'B'),
  c('⊗: in a Hadamard product', 'A : m × n\nB : p × q\nC : (p·m) × (q·n)', 'sum(C ⊙ (B ⊗ A) ⊙ (B ⊗ A))', 'A'),
  c('⊗: squared norm', 'A : m × n\nB : p × q\nY : (p·m) × (q·n)', 'norm(B ⊗ A - Y)^2', 'B'),
  c('⊗: with a product inside', 'A : m × n\nB : n × k\nP : p × p\nC : (p·m) × (p·k)', 'tr(Cᵀ (P ⊗ (A B)))', 'A'),
  c('partial traces themselves', 'M : (p·m) × (p·n)\nA : m × n', 'tr(tr₁(M, p) Aᵀ) + sum(tr₂(M ⊗ I_p, p))', 'M'),
];
