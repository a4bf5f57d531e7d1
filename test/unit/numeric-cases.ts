// Textbook gradients as mcalc documents: each claim the numeric check must accept, and wrong ones it must reject.
// Wrong claims are off by a transpose, a factor, a sign or a missing term; every one is well-typed.

export interface GradientCase {
  readonly name: string;
  /** Declarations, size facts and definitions. */
  readonly doc: string;
  readonly right: readonly string[];
  readonly wrong: readonly string[];
}

export const CASES: readonly GradientCase[] = [
  {
    name: "quadratic form x'Ax, wrt x",
    doc: "A : n × n\nx : vector n\nf = x' * A * x",
    right: ["∂f/∂x = (A + A') x", "∂f/∂x = A x + A' x"],
    wrong: ['∂f/∂x = 2 A x', '∂f/∂x = A x', "∂f/∂x = -(A + A') x"],
  },
  {
    name: "quadratic form x'Ax, wrt A",
    doc: "A : n × n\nx : vector n\nf = x' A x",
    right: ["∂f/∂A = x x'"],
    wrong: ["∂f/∂A = 2 x x'", "∂f/∂A = -x x'"],
  },
  {
    name: 'quadratic form with a symmetric matrix',
    doc: "A : n × n, symmetric\nx : vector n\nf = x' A x",
    right: ['∂f/∂x = 2 A x'],
    wrong: ['∂f/∂x = A x', '∂f/∂x = -2 A x'],
  },
  {
    name: 'quadratic form plus a linear term',
    doc: "A : n × n\nx, b : vector n\nf = x' A x + b' x",
    right: ["∂f/∂x = (A + A') x + b"],
    wrong: ["∂f/∂x = (A + A') x", "∂f/∂x = (A + A') x - b"],
  },
  {
    name: 'tr(A X B)',
    doc: 'A, X, B : n × n\nf = tr(A X B)',
    right: ["∂f/∂X = A' B'"],
    wrong: ['∂f/∂X = B A', '∂f/∂X = A B', "∂f/∂X = 2 A' B'"],
  },
  {
    name: 'tr(A X B), rectangular',
    doc: 'A : p × m\nX : m × n\nB : n × p\nf = tr(A X B)',
    right: ["∂f/∂X = A' B'", "∂f/∂X = (B A)'"],
    wrong: ["∂f/∂X = -A' B'", "∂f/∂X = 0.5 A' B'"],
  },
  {
    name: "tr(A Xᵀ B)",
    doc: "A, X, B : n × n\nf = tr(A X' B)",
    right: ['∂f/∂X = B A'],
    wrong: ["∂f/∂X = A' B'", '∂f/∂X = A B'],
  },
  {
    name: 'logdet(X)',
    doc: 'X : n × n, invertible\nf = logdet(X)',
    right: ["∂f/∂X = inv(X)'", '∂f/∂X = X⁻ᵀ'],
    wrong: ['∂f/∂X = inv(X)', "∂f/∂X = -inv(X)'", "∂f/∂X = 2 inv(X)'"],
  },
  {
    name: 'logdet of an spd matrix',
    doc: 'X : n × n, spd\nf = logdet(X)',
    right: ['∂f/∂X = inv(X)'],
    wrong: ['∂f/∂X = 2 inv(X)', '∂f/∂X = X'],
  },
  {
    name: 'det(X)',
    doc: 'X : n × n, invertible\nf = det(X)',
    right: ["∂f/∂X = det(X) inv(X)'"],
    wrong: ['∂f/∂X = det(X) inv(X)', "∂f/∂X = inv(X)'", "∂f/∂X = -det(X) inv(X)'"],
  },
  {
    name: 'least squares ‖Ax − b‖²',
    doc: 'A : m × n\nx : vector n\nb : vector m\nf = norm(A x - b)^2',
    right: ["∂f/∂x = 2 A'(A x - b)"],
    wrong: ["∂f/∂x = A'(A x - b)", "∂f/∂x = 2 A' A x", "∂f/∂x = -2 A'(A x - b)"],
  },
  {
    name: 'least squares, wrt A',
    doc: 'A : m × n\nx : vector n\nb : vector m\nf = norm(A x - b)^2',
    right: ["∂f/∂A = 2 (A x - b) x'"],
    wrong: ["∂f/∂A = (A x - b) x'", "∂f/∂A = 2 A x x'"],
  },
  {
    name: 'residual through a definition',
    doc: "A : m × n\nx : vector n\nb : vector m\nr = A x - b\nf = r' r",
    right: ["∂f/∂x = 2 A' r"],
    wrong: ["∂f/∂x = A' r", "∂f/∂x = 2 A' A x"],
  },
  {
    name: "tr(Xᵀ A X)",
    doc: "A : n × n\nX : n × k\nf = tr(X' A X)",
    right: ["∂f/∂X = (A + A') X"],
    wrong: ['∂f/∂X = 2 A X', "∂f/∂X = A' X"],
  },
  {
    name: 'tr(X X)',
    doc: 'X : n × n\nf = tr(X X)',
    right: ["∂f/∂X = 2 X'"],
    wrong: ['∂f/∂X = 2 X', "∂f/∂X = X'"],
  },
  {
    name: 'tr(X³)',
    doc: 'X : n × n\nf = tr(X^3)',
    right: ["∂f/∂X = 3 (X^2)'"],
    wrong: ['∂f/∂X = 3 X^2', "∂f/∂X = (X^2)'"],
  },
  {
    name: 'Frobenius norm squared',
    doc: "X : m × n\nf = tr(X' X)",
    right: ['∂f/∂X = 2 X'],
    wrong: ['∂f/∂X = X', '∂f/∂X = -2 X'],
  },
  {
    name: 'Frobenius norm',
    doc: 'X : m × n\nf = norm(X)',
    right: ['∂f/∂X = X / norm(X)'],
    wrong: ['∂f/∂X = X', '∂f/∂X = 2 X / norm(X)'],
  },
  {
    name: 'bilinear form',
    doc: "X : n × n\na, b : vector n\nf = a' X b",
    right: ["∂f/∂X = a b'"],
    wrong: ["∂f/∂X = b a'", "∂f/∂X = -a b'"],
  },
  {
    name: 'Frobenius product',
    doc: 'A, X : n × n\nf = X : A',
    right: ['∂f/∂X = A'],
    wrong: ["∂f/∂X = A'", '∂f/∂X = 2 A'],
  },
  {
    name: 'Hadamard product squared',
    doc: 'A, X : m × n\nf = sum((A ⊙ X).^2)',
    right: ['∂f/∂X = 2 A ⊙ A ⊙ X'],
    wrong: ['∂f/∂X = 2 A ⊙ X', '∂f/∂X = A ⊙ A ⊙ X'],
  },
  {
    name: 'entry-wise division',
    doc: 'A : m × n\nX : m × n, positive\nf = sum(A ./ X)',
    right: ['∂f/∂X = -A ./ (X ⊙ X)'],
    wrong: ['∂f/∂X = A ./ (X ⊙ X)', '∂f/∂X = -A ./ X'],
  },
  {
    name: 'sum(exp(x))',
    doc: 'x : vector n\nf = sum(exp(x))',
    right: ['∂f/∂x = exp(x)'],
    wrong: ['∂f/∂x = 2 exp(x)', '∂f/∂x = -exp(x)'],
  },
  {
    name: 'sum(exp(A x))',
    doc: 'A : m × n\nx : vector n\nf = sum(exp(A x))',
    right: ["∂f/∂x = A' exp(A x)"],
    wrong: ["∂f/∂x = 2 A' exp(A x)", "∂f/∂x = A' exp(A x) + x"],
  },
  {
    name: 'sum(log(x)), x positive',
    doc: 'x : vector n, positive\nf = sum(log(x))',
    right: ['∂f/∂x = ones(n) ./ x'],
    wrong: ['∂f/∂x = -ones(n) ./ x', '∂f/∂x = x'],
  },
  {
    name: 'sum(sqrt(x)), x positive',
    doc: 'x : vector n, positive\nf = sum(sqrt(x))',
    right: ['∂f/∂x = 0.5 * ones(n) ./ sqrt(x)'],
    wrong: ['∂f/∂x = ones(n) ./ sqrt(x)'],
  },
  {
    name: 'sum(sin(x)) and sum(cos(x))',
    doc: 'x : vector n\nf = sum(sin(x))\ng = sum(cos(x))',
    right: ['∂f/∂x = cos(x)', '∂g/∂x = -sin(x)'],
    wrong: ['∂f/∂x = -cos(x)', '∂g/∂x = sin(x)'],
  },
  {
    name: 'sum(tanh(x))',
    doc: 'x : vector n\nf = sum(tanh(x))',
    right: ['∂f/∂x = ones(n) - tanh(x).^2'],
    wrong: ['∂f/∂x = ones(n) + tanh(x).^2', '∂f/∂x = ones(n)'],
  },
  {
    name: 'sum(sigmoid(x))',
    doc: 'x : vector n\nf = sum(sigmoid(x))',
    right: ['∂f/∂x = sigmoid(x) ⊙ (ones(n) - sigmoid(x))'],
    wrong: ['∂f/∂x = sigmoid(x)', '∂f/∂x = sigmoid(x) ⊙ (ones(n) + sigmoid(x))'],
  },
  {
    name: 'tr(X⁻¹ A)',
    doc: 'A : n × n\nX : n × n, invertible\nf = tr(inv(X) A)',
    right: ["∂f/∂X = -inv(X)' A' inv(X)'"],
    wrong: ['∂f/∂X = -inv(X) A inv(X)', "∂f/∂X = inv(X)' A' inv(X)'"],
  },
  {
    name: 'Gaussian negative log-likelihood, wrt Σ',
    doc: "Σ : n × n, spd\nx : vector n\nf = logdet(Σ) + x' inv(Σ) x",
    right: ["∂f/∂Σ = inv(Σ) - inv(Σ) x x' inv(Σ)"],
    wrong: ["∂f/∂Σ = inv(Σ) + inv(Σ) x x' inv(Σ)", '∂f/∂Σ = inv(Σ)'],
  },
  {
    name: 'logdet(Xᵀ X), X tall',
    doc: "m = 4\nn = 2\nX : m × n\nf = logdet(X' X)",
    right: ["∂f/∂X = 2 X inv(X' X)"],
    wrong: ["∂f/∂X = X inv(X' X)", "∂f/∂X = -2 X inv(X' X)"],
  },
  {
    name: 'through two definitions',
    doc: "A, X : n × n\nS = X + X'\nf = tr(S A)",
    right: ["∂f/∂X = A' + A"],
    wrong: ["∂f/∂X = 2 A'", "∂f/∂X = A'"],
  },
  {
    name: 'a scalar variable',
    doc: 's : scalar, positive\nA : n × n\nf = s^2 tr(A)\ng = log(s)',
    right: ['∂f/∂s = 2 s tr(A)', '∂g/∂s = 1 / s'],
    wrong: ['∂f/∂s = s tr(A)', '∂g/∂s = s'],
  },
  {
    name: 'diag of a vector',
    doc: 'A : n × n\nx : vector n\nf = tr(diag(x) A)',
    right: ['∂f/∂x = diag(A)'],
    wrong: ['∂f/∂x = 2 diag(A)', '∂f/∂x = -diag(A)'],
  },
  {
    name: 'an orthogonal matrix',
    doc: 'Q : n × n, orthogonal\nA : n × n\nf = tr(Q A)',
    right: ["∂f/∂Q = A'"],
    wrong: ['∂f/∂Q = A', "∂f/∂Q = Q' A'"],
  },
  {
    name: 'trace of a Kronecker product',
    doc: 'A : m × m\nB : p × p\nf = tr(B ⊗ A)',
    right: ['∂f/∂A = tr(B) I(m)', '∂f/∂B = tr(A) I(p)'],
    wrong: ['∂f/∂A = tr(A) I(m)', '∂f/∂A = I(m)', '∂f/∂B = -tr(A) I(p)'],
  },
  {
    name: 'Kronecker product between two vectors (rank one)',
    doc: "A : m × n\nB : p × q\nU : m × p\nV : n × q\nf = vec(U)' (B ⊗ A) vec(V)",
    right: ["∂f/∂A = U B V'", "∂f/∂B = U' A V"],
    wrong: ["∂f/∂A = 2 U B V'", "∂f/∂A = -U B V'", "∂f/∂B = -U' A V"],
  },
  {
    name: 'the vec trick',
    doc: "A : m × n\nB : p × q\nX : n × q\nU : m × p\nf = vec(U)' (B ⊗ A) vec(X)",
    right: ["∂f/∂X = A' U B"],
    wrong: ["∂f/∂X = -A' U B", "∂f/∂X = 2 A' U B"],
  },
  {
    name: 'rank one through a Kronecker product of square factors, wrong by transposes',
    doc: "A, B, U, V : n × n\nf = vec(U)' (B ⊗ A) vec(V)",
    right: ["∂f/∂A = U B V'", "∂f/∂B = U' A V"],
    wrong: ["∂f/∂A = U B' V'", "∂f/∂A = V B U'", "∂f/∂B = U' A' V", '∂f/∂B = 0'],
  },
  {
    name: 'tr(Sᵀ L S) with S = (B ⊗ A) H (the motivating case, with partial traces)',
    doc: "A : m × n\nB : p × q\nH : (q·n) × k\nL : (p·m) × (p·m)\nS = (B ⊗ A) H\nf = tr(Sᵀ L S)",
    right: ["∂f/∂A = tr_1((B' ⊗ I(m)) (L + L') S H', q)", "∂f/∂B = tr_2((L + L') S H' (I(q) ⊗ A'), m)"],
    wrong: ["∂f/∂A = tr_1((B' ⊗ I(m)) L S H', q)", "∂f/∂A = tr_1((B' ⊗ I(m)) (L + L') S H', q) * 2", '∂f/∂A = zeros(m, n)'],
  },
];
