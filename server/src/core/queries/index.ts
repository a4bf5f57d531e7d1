// The queries the language server answers from: pure functions over an Analysis, in offsets, with no LSP types.
export { completionsAt, type CompletionItem } from './completion';
export { BACKSLASH_NAMES, type BackslashName } from './backslash';
export { deriveTargetsAt, type DeriveTarget, type ParagraphPlacement } from './derive-target';
export { gradientInsertion, insertFormats, latexPartial, type GradientTexts, type InsertFormat, type InsertPlacement } from './insertion';
export { foldingRanges } from './folding';
export { hoverAt, type HoverInfo } from './hover';
export type { QueryOptions } from './hover-gradient';
export { inlayHints, type InlayHint } from './inlay';
export { definitionAt, referencesAt } from './navigation';
export { invalidName, prepareRenameAt, renameAt } from './rename';
export { signatureHelpAt, type SignatureHelp } from './signature';
export { documentSymbols, type DocumentSymbol } from './symbols';
export { semanticTokens, type SemanticToken } from './tokens';
export { variablesOf } from './variables';
export type { TextEdit } from '../diagnostics';
export type { Span } from '../syntax/span';
