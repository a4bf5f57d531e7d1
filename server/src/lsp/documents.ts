// Open documents and their analyses, cached per uri + version (+ the settings the analysis depends on).
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, LineIndex, type Analysis, type LanguageId } from '../core';
import type { SettingsStore } from './config';
import { Converter } from './convert';
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
  readonly documents = new TextDocuments(TextDocument);
  /**
   * The latest analysis of each open document. Whole-document granularity for now: reusing the analysis of
   * unchanged Markdown blocks is a later optimisation of the core, not of this cache.
   */
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly settings: SettingsStore) {}

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
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
  analyze(document: TextDocument, settings: Settings): Analyzed | undefined {
    const languageId = languageOf(document);
    if (!languageId) return undefined;
    // Settings change rarely; keying on all of them keeps `analyzed.settings` current at no real cost.
    const key = `${document.version}|${JSON.stringify(settings)}`;
    const hit = this.cache.get(document.uri);
    if (hit?.key === key) return hit.analyzed;
    const text = document.getText();
    const analysis = analyze(text, languageId, { checkClaims: settings.check.enabled, tolerance: settings.check.tolerance });
    const analyzed: Analyzed = {
      uri: document.uri, version: document.version, document, analysis, settings,
      convert: new Converter(document.uri, new LineIndex(text)),
    };
    this.cache.set(document.uri, { key, analyzed });
    return analyzed;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
