// What the main thread and the derivation worker say to each other (plain, structured-clonable data).
import type { GradientOutcome, LanguageId } from '../core';

export interface DeriveJob {
  readonly id: number;
  readonly text: string;
  readonly languageId: LanguageId;
  readonly of: string;
  readonly wrt: string;
  readonly check: boolean;
  readonly tolerance: number;
  readonly symmetric: 'unconstrained' | 'symmetric';
}

export interface DeriveJobResult {
  readonly id: number;
  readonly outcome: GradientOutcome;
}
