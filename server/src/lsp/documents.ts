// Open documents and their analyses, cached per uri + version (+ the settings the analysis depends on), each kept up
// to date edit by edit.
import { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Analysis, type LanguageId } from '../core';
import { DocumentAnalyzer } from '../core/incremental/analyzer';
import type { SettingsStore } from './config';
import { Converter } from './convert';
import { pieceDocuments, type PieceDocument } from './piece-document';
import type { Settings } from './settings';

/** One analysed version of a document, with what handlers need beside it. */
export interface Analyzed {
  readonly uri: string;
  readonly version: number;
  readonly document: TextDocument;
  readonly analysis: Analysis;
  readonly convert: Converter;
  readonly settings: Settings;
}

interface Entry {
  readonly key: string;
  readonly analyzed: Analyzed;
}

/** The language of a document, or undefined for documents mcalc does not read. */
export function languageOf(document: TextDocument): LanguageId | undefined {
  if (document.languageId === 'mcalc' || document.languageId === 'markdown') return document.languageId;
  // Editors without an mcalc language id (or with a generic one) still open .mcalc files.
  if (/\.mcalc$/i.test(document.uri)) return 'mcalc';
  return undefined;
}

export class DocumentStore {
  /** Kept as pieces (piece-document.ts): an edit makes no new copy of a long text. */
  readonly documents = new TextDocuments(pieceDocuments);
  /** The latest analysis of each open document, for its version and settings. */
  private readonly cache = new Map<string, Entry>();
  /**
   * Per document, the analysis kept up to date edit by edit (core/incremental): a new version re-analyses only what
   * the edit can affect. One per settings, as the claims' check depends on them.
   */
  private readonly analyzers = new Map<string, { readonly settings: string; readonly analyzer: DocumentAnalyzer }>();

  constructor(private readonly settings: SettingsStore) {}

  get(uri: string): PieceDocument | undefined {
    return this.documents.get(uri);
  }

  all(): PieceDocument[] {
    return this.documents.all();
  }

  /** The analysis of the document as it is now; undefined if it is not open or not an mcalc/Markdown document. */
  async analysis(uri: string): Promise<Analyzed | undefined> {
    const document = this.documents.get(uri);
    if (!document || !languageOf(document)) return undefined;
    const settings = await this.settings.get(uri);
    // The document may have changed while the settings were fetched: analyse what is there now.
    const current = this.documents.get(uri);
    return current ? this.analyze(current, settings) : undefined;
  }

  /** Synchronous, for a document and settings in hand. */
  analyze(document: PieceDocument, settings: Settings): Analyzed | undefined {
    const languageId = languageOf(document);
    if (!languageId) return undefined;
    // Settings change rarely; keying on all of them keeps `analyzed.settings` current at no real cost.
    const settingsKey = JSON.stringify(settings);
    const key = `${document.version}|${settingsKey}`;
    const hit = this.cache.get(document.uri);
    if (hit?.key === key) return hit.analyzed;
    let kept = this.analyzers.get(document.uri);
    if (!kept || kept.settings !== settingsKey || kept.analyzer.languageId !== languageId) {
      kept = {
        settings: settingsKey,
        analyzer: new DocumentAnalyzer(languageId, {
          checkClaims: settings.check.enabled, tolerance: settings.check.tolerance, symmetric: settings.gradient.symmetric,
        }),
      };
      this.analyzers.set(document.uri, kept);
    }
    // The analysis reads the pieces where it can: a prose edit reads the lines around it, not the whole text.
    const text = document.content;
    const analysis = kept.analyzer.update(text);
    const analyzed: Analyzed = {
      uri: document.uri, version: document.version, document, analysis, settings,
      convert: new Converter(document.uri, new LineIndex(text, analysis.lineStarts)),
    };
    this.cache.set(document.uri, { key, analyzed });
    return analyzed;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.analyzers.delete(uri);
  }
}
