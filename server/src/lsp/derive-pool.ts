// Runs derivations in a worker thread (dist/derive-worker.js, beside the server's bundle): the main thread stays free
// for other requests, and a cancelled derivation is stopped by ending the worker (the next job starts a new one).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver';
import type { DeriveJob, DeriveJobResult, JobAnswers, JobRequest } from './derive-job';

export class DerivationCancelled extends Error {
  constructor() {
    super('the derivation was cancelled');
  }
}

/** A worker that runs out of this much heap dies alone (the job answers with an error), not the server. */
const WORKER_HEAP_MB = 1024;

/** No derivation with its check may hold the queue longer than this; nobody waits a minute for a gradient. */
const JOB_TIMEOUT_MS = 60_000;

interface Pending {
  readonly resolve: (o: DeriveJobResult['answer']) => void;
  readonly reject: (e: Error) => void;
}

export class DerivationPool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Jobs run one at a time, in order: a worker is single-threaded anyway, and order keeps answers predictable. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The text the worker was last sent: a job on the same text sends none (null), as the panel and hovers ask again and
   * again about one version. Copying a 2 MB note to the worker costs more than most derivations.
   */
  private textSent: string | undefined;

  constructor(
    private readonly script = join(__dirname, 'derive-worker.js'),
    /** How long a job may run (tests make it short). */
    private readonly timeoutMs = JOB_TIMEOUT_MS,
  ) {}

  /**
   * Runs the job after those before it. Cancelled while it waits, it is dropped at once (the job running is not
   * touched); cancelled while it runs, the worker is ended. A job running past JOB_TIMEOUT_MS is ended the same way.
   */
  run<J extends JobRequest>(job: J, token?: CancellationToken): Promise<JobAnswers[J['kind']]> {
    let dropped: (() => void) | undefined;
    const waiting = new Promise<never>((_, reject) => {
      dropped = () => reject(new DerivationCancelled());
    });
    const whileQueued = token?.onCancellationRequested(() => dropped?.());
    const turn = this.queue.then(() => {
      whileQueued?.dispose();
      return this.start(job, token) as Promise<JobAnswers[J['kind']]>;
    });
    this.queue = turn.catch(() => undefined);
    const result = Promise.race([turn, waiting]);
    result.catch(() => undefined).finally(() => whileQueued?.dispose());
    return result;
  }

  private start(job: JobRequest, token?: CancellationToken): Promise<DeriveJobResult['answer']> {
    if (token?.isCancellationRequested) return Promise.reject(new DerivationCancelled());
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<DeriveJobResult['answer']>((resolve, reject) => {
      const end = (why: Error): void => {
        // Its timer and cancel listener go with it: left behind, the timer would end a later job's worker.
        settle();
        // The worker is busy with this job: ending it is the only way to stop a synchronous derivation.
        this.pending.delete(id);
        this.stop(why);
        reject(why);
      };
      const listener = token?.onCancellationRequested(() => end(new DerivationCancelled()));
      const timer = setTimeout(() => end(new Error(`the derivation took longer than ${this.timeoutMs / 1000} s and was stopped`)), this.timeoutMs);
      const settle = (): void => {
        listener?.dispose();
        clearTimeout(timer);
      };
      this.pending.set(id, {
        resolve: (o) => { settle(); resolve(o); },
        reject: (e) => { settle(); reject(e); },
      });
      const text = job.text === this.textSent ? null : job.text;
      this.textSent = job.text;
      worker.postMessage({ ...job, id, text } as DeriveJob);
    });
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Starts the worker ahead of the first job: loading it takes longer than most derivations (~130 ms of a first
   * gradient's ~150 here), and the first one is the gradient a user waits for. Nothing if it is already running.
   */
  warm(): void {
    this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    this.textSent = undefined;
    worker.on('message', (m: DeriveJobResult) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.resolve(m.answer);
    });
    worker.on('error', (e) => this.stop(e));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`the derivation worker stopped (exit code ${code})`));
    });
    // The server may exit while the worker idles.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Ends the worker; every job still waiting for it fails with `why`. */
  private stop(why: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    this.textSent = undefined;
    for (const p of this.pending.values()) p.reject(why);
    this.pending.clear();
    void worker?.terminate();
  }

  dispose(): void {
    this.stop(new Error('the server is shutting down'));
  }
}
