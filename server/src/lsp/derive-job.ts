// What the main thread and the derivation worker say to each other (plain, structured-clonable data).
import type { GradientOutcome, LanguageId } from '../core';
import type { HoverInfo } from '../core/queries';

interface JobBase {
  readonly id: number;
  /** The document's text; null: the text of the job before (the pool sends a text once). */
  readonly text: string | null;
  readonly languageId: LanguageId;
  readonly check: boolean;
  readonly tolerance: number;
  readonly symmetric: 'unconstrained' | 'symmetric';
}

/** ∂of/∂wrt, with its numeric check when `check` and its derivation steps when `steps`. */
export interface GradientJob extends JobBase {
  readonly kind: 'gradient';
  readonly of: string;
  readonly wrt: string;
  readonly steps: boolean;
}

/** The hover at an offset of a `grad` line or a claim, which derives (and checks) what the line names. */
export interface HoverJob extends JobBase {
  readonly kind: 'hover';
  readonly offset: number;
}

export type DeriveJob = GradientJob | HoverJob;

/** What each kind of job answers. */
export interface JobAnswers {
  readonly gradient: GradientOutcome;
  readonly hover: HoverInfo | null;
}

export interface DeriveJobResult {
  readonly id: number;
  readonly answer: JobAnswers[DeriveJob['kind']];
}

/** Distributes Omit over the union: a job as the caller gives it, before the pool numbers it. */
export type JobRequest<J extends DeriveJob = DeriveJob> = J extends DeriveJob ? Omit<J, 'id' | 'text'> & { readonly text: string } : never;
