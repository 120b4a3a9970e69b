import type { CallSignal } from '../upstream/signal.js';
import DataLoader from 'dataloader';
import { executionRefKey, type DescribeJobExecutionQuery, type ExecutionRef } from '../domain/commands.js';
import type { JobExecutionModel } from '../domain/models.js';
import type { JobModel, JobSummaryModel, ThingModel } from '../domain/reads.js';
import type { Upstream } from '../upstream/index.js';
import { createSemaphore, type Semaphore } from './semaphore.js';

// Per-request loaders for every lookup by key. IoT has no batch describe, so the win is dedup: each
// key is fetched once per request, on its own (a slow key never holds up the others), and all of a
// request's upstream calls share one concurrency budget (UPSTREAM_MAX_CONCURRENCY_PER_REQUEST).

/** Upstream calls one request may have in flight at once, loaders and lists together. */
export const DEFAULT_READ_CONCURRENCY = 32;

export interface LoaderOptions {
  /** Aborts the request's upstream calls when the client went away; default none. */
  signal?: CallSignal;
  /** Upstream calls in flight at once for this request; default DEFAULT_READ_CONCURRENCY (32). */
  concurrency?: number;
}

export interface RequestLoaders {
  /** DescribeJobExecution (control plane); a key without executionNumber means the latest. */
  readonly jobExecution: DataLoader<DescribeJobExecutionQuery, JobExecutionModel, string>;
  /** DescribeJob by jobId. */
  readonly job: DataLoader<string, JobModel>;
  /**
   * DescribeJob by jobId through `job`, but a job already asked for returns the cached promise itself:
   * the same object for every caller until forgotten (DataLoader wraps each cache hit in a new promise
   * and schedules a batch for it, which a page of 100 rows over 20 jobs would do 80 times).
   */
  describedJob(jobId: string): Promise<JobModel>;
  /** GetJobDocument by jobId: the document's JSON text, null when the job has none. */
  readonly jobDocument: DataLoader<string, string | null>;
  /** DescribeThing by thing name. */
  readonly thing: DataLoader<string, ThingModel>;
  /** Runs a call that is not a keyed lookup (a list page) within the same concurrency budget. */
  limit<T>(call: (signal: CallSignal | undefined) => Promise<T>): Promise<T>;
  /** Caches a full execution under its number, so describing it later in the request is free. */
  primeExecution(execution: JobExecutionModel): void;
  /** Remembers what a ListJobs row said about a job, so its status and dates need no DescribeJob. */
  primeJobSummary(summary: JobSummaryModel): void;
  /** A job's ListJobs row seen earlier in this request, if any. */
  jobSummary(jobId: string): JobSummaryModel | undefined;
  /** Forgets every cached read of this execution and of its job: call it after a mutation on it. */
  forgetExecution(ref: ExecutionRef): void;
}

const executionPrefix = (ref: ExecutionRef) => `${executionRefKey(ref)}/`;
const executionKey = (key: DescribeJobExecutionQuery) =>
  `${executionPrefix(key)}${key.executionNumber ?? 'latest'}`;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export function createLoaders(upstream: Upstream, options: LoaderOptions = {}): RequestLoaders {
  const { signal } = options;
  const concurrency = options.concurrency ?? DEFAULT_READ_CONCURRENCY;
  // Made with the first call: a mutation that only forgets never needs it.
  let semaphore: Semaphore | undefined;
  const limited = <T>(task: () => Promise<T>): Promise<T> =>
    (semaphore ??= createSemaphore(concurrency)).run(task);
  // Each loader is made on first use: a mutation only forgets, and most reads use one or two of them.
  const lazy = <T>(make: () => T) => {
    let made: T | undefined;
    return { get: () => (made ??= make()), made: () => made };
  };

  // batch: false hands each key to the fetcher alone as soon as it is asked for; the cache still dedups.
  function keyed<K, V>(fetch: (key: K) => Promise<V>, extra: DataLoader.Options<K, V, string> = {}) {
    return new DataLoader<K, V, string>(
      (keys) => Promise.all(keys.map((key) => limited(() => fetch(key)).catch(asError))),
      { batch: false, ...extra },
    );
  }

  const executionCache = new Map<string, Promise<JobExecutionModel>>();
  // Bumped by forgetExecution: an answer that was already on its way then must not be cached again.
  let forgets = 0;
  const jobExecution = lazy(() =>
    keyed<DescribeJobExecutionQuery, JobExecutionModel>(
      async (key) => {
        const forgetsBefore = forgets;
        const execution = await upstream.describeJobExecution(key, signal);
        // "The latest" is also a numbered execution: later lookups by number reuse it.
        if (key.executionNumber === undefined && forgets === forgetsBefore) primeExecution(execution);
        return execution;
      },
      { cacheKeyFn: executionKey, cacheMap: executionCache },
    ),
  );
  const jobCache = new Map<string, Promise<JobModel>>();
  const job = lazy(() =>
    keyed((jobId: string) => upstream.describeJob(jobId, signal), { cacheMap: jobCache }),
  );
  const jobDocument = lazy(() => keyed((jobId: string) => upstream.getJobDocument(jobId, signal)));
  const thing = lazy(() => keyed((thingName: string) => upstream.describeThing(thingName, signal)));
  const jobSummaries = new Map<string, JobSummaryModel>();

  function primeExecution(execution: JobExecutionModel): void {
    jobExecution.get().prime(
      {
        jobId: execution.jobId,
        thingName: execution.thingName,
        executionNumber: execution.executionNumber,
      },
      execution,
    );
  }

  return {
    get jobExecution() {
      return jobExecution.get();
    },
    get job() {
      return job.get();
    },
    describedJob: (jobId) => jobCache.get(jobId) ?? job.get().load(jobId),
    get jobDocument() {
      return jobDocument.get();
    },
    get thing() {
      return thing.get();
    },
    limit: (call) => limited(() => call(signal)),
    primeExecution,
    primeJobSummary(summary) {
      jobSummaries.set(summary.jobId, summary);
    },
    jobSummary: (jobId) => jobSummaries.get(jobId),
    forgetExecution(ref) {
      forgets += 1;
      const prefix = executionPrefix(ref);
      for (const key of [...executionCache.keys()]) if (key.startsWith(prefix)) executionCache.delete(key);
      // The job's per-status counters (and maybe its status) moved with the execution.
      job.made()?.clear(ref.jobId);
      jobSummaries.delete(ref.jobId);
    },
  };
}
