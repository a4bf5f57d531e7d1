// The core library: plain functions over plain data, no I/O (DESIGN.md, "Library").
export { analyze, type Analysis, type AnalysisOptions, type LanguageId, type SizeSymbol } from './analysis';
export {
  gradient, gradients, gradRequests, type GradientOptions, type GradientOutcome, type GradientResult, type GradientSet, type WhereBinding,
} from './calculus/gradient';
export type { Step } from './calculus/steps';
export { printNumpy, pyName } from './print/numpy';
export { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type Fix, type Severity, type TextEdit } from './diagnostics';
export { LineIndex, type Position } from './positions';
export { latexName, printLatex, printMcalc, printStatement, printStatementLatex, type McalcPrintOptions } from './print';
export type { SymbolInfo } from './shapes/infer';
export { shapeToString, type Shape } from './shapes/shape';
export type { Expr, Statement } from './syntax/ast';
export { parse, parseExpression } from './syntax/parser';
export type { Span } from './syntax/span';
export {
  checkClaim, checkClaims, checkGradient,
  type CheckContext, type CheckOptions, type CheckOutcome, type CheckResult, type CheckUnavailable, type ClaimCheckOptions,
} from './numeric/check';
export { checkLine, relErrorText, sizesText } from './numeric/check-text';
export { evaluate, Evaluator, type EvalEnv, type EvalError, type EvalResult } from './numeric/evaluate';
export { fromRows, toRows, type Matrix } from './numeric/matrix';
export { chooseSizes, mulberry32, Random, randomPoint, type PointOptions } from './numeric/random';
