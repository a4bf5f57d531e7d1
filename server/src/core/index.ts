// The core library: plain functions over plain data, no I/O (DESIGN.md, "Library").
export { analyze, type Analysis, type LanguageId, type SizeSymbol } from './analysis';
export { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type Fix, type Severity, type TextEdit } from './diagnostics';
export { LineIndex, type Position } from './positions';
export type { SymbolInfo } from './shapes/infer';
export { shapeToString, type Shape } from './shapes/shape';
export type { Expr, Statement } from './syntax/ast';
export { parse, parseExpression } from './syntax/parser';
export type { Span } from './syntax/span';
