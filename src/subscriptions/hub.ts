// The replica's job-event hub: takes hints from MQTT (or another replica), reads the executions that
// someone here watches fresh from AWS, and hands the states that changed to the watchers.
import { executionRefKey as keyOf, type ExecutionRef } from '../domain/commands.js';
import { isUpstreamError } from '../domain/failures.js';
import type { JobExecutionModel, JobExecutionStatus } from '../domain/models.js';
import { createSemaphore, type Semaphore } from '../loaders/semaphore.js';
import type { Logger } from '../logger.js';
import type { Upstream } from '../upstream/index.js';
import type { JobEvent, JobEventHint } from './jobEvents.js';
import { createRecentIds, type RecentIds } from './recentIds.js';
import { createSingleFlight, type SingleFlight } from './singleFlight.js';
import { compareVersions } from './versionGate.js';

export type ExecutionWatcher = (execution: JobExecutionModel) => void;

export interface JobEventHubOptions {
  upstream: Pick<Upstream, 'describeJobExecution' | 'listJobExecutionsForJob'>;
  logger: Logger;
  /** Hands events that arrived here (not from another replica) to the other replicas; default none. */
  forward?: (event: JobEvent) => void;
  /** Upstream calls the hub makes at once; default 4. */
  concurrency?: number;
}

export interface JobEventHubStats {
  /** Messages dropped because the same message id was already handled. */
  duplicates: number;
  /** Hints dropped because a newer version of the execution was already known. */
  stale: number;
  /** DescribeJobExecution calls made. */
  describes: number;
  /** Reconciliation passes run (periodic, after reconnects, on demand). */
  reconciles: number;
}

/** What the hub last read of an execution someone watches. */
interface Known {
  executionNumber: number;
  versionNumber: number | null;
  status: JobExecutionStatus;
  lastUpdatedAt: number | null;
}

/** A job with this many watched executions is reconciled with one list instead of one describe each. */
const LIST_THRESHOLD = 3;
/** Longest list read while reconciling one job: 40 pages of 250 executions. */
const MAX_LIST_PAGES = 40;

const isPending = (status: JobExecutionStatus | null | undefined) =>
  status === 'QUEUED' || status === 'IN_PROGRESS';
const isTerminal = (status: JobExecutionStatus | null) => status !== null && !isPending(status);
const timeOf = (date: Date | null): number | null => date?.getTime() ?? null;

export class JobEventHub {
  readonly stats: JobEventHubStats = { duplicates: 0, stale: 0, describes: 0, reconciles: 0 };
  private readonly executionWatchers = new Map<
    string,
    { ref: ExecutionRef; watchers: Set<ExecutionWatcher> }
  >();
  private readonly jobWatchers = new Map<string, Set<ExecutionWatcher>>();
  private readonly known = new Map<string, Known>();
  private readonly recent: RecentIds = createRecentIds();
  private readonly reads: SingleFlight<JobExecutionModel | null> = createSingleFlight();
  private readonly passes: SingleFlight<void> = createSingleFlight();
  private readonly limit: Semaphore;
  private readonly stopped = new AbortController();

  constructor(private readonly options: JobEventHubOptions) {
    this.limit = createSemaphore(options.concurrency ?? 4);
  }

  /** Takes one parsed message; `fromOtherReplica` events are not forwarded again. */
  ingest(event: JobEvent, fromOtherReplica = false): void {
    if (!this.recent.firstSeen(event.id)) {
      this.stats.duplicates += 1;
      return;
    }
    if (!fromOtherReplica) this.options.forward?.(event);
    const listed = new Set<string>();
    for (const hint of event.hints) {
      const key = keyOf(hint);
      listed.add(key);
      if (!this.watched(hint)) continue;
      if (this.isStale(key, hint)) this.stats.stale += 1;
      else void this.refreshInBackground(hint);
    }
    // A notify lists every pending execution of the thing: a watched one that was pending and is missing
    // left the list (finished, canceled, deleted) even when no job event says so.
    if (event.pendingListOf !== undefined) {
      for (const ref of this.watchedRefsOfThing(event.pendingListOf)) {
        const known = this.known.get(keyOf(ref));
        if (!listed.has(keyOf(ref)) && (!known || isPending(known.status)))
          void this.refreshInBackground(ref);
      }
    }
  }

  /** Calls `watcher` with every changed state of this execution; returns the function that stops it. */
  watchExecution(ref: ExecutionRef, watcher: ExecutionWatcher): () => void {
    const key = keyOf(ref);
    let entry = this.executionWatchers.get(key);
    if (!entry) {
      entry = { ref: { jobId: ref.jobId, thingName: ref.thingName }, watchers: new Set() };
      this.executionWatchers.set(key, entry);
    }
    entry.watchers.add(watcher);
    return () => {
      entry.watchers.delete(watcher);
      if (entry.watchers.size === 0 && this.executionWatchers.get(key) === entry) {
        this.executionWatchers.delete(key);
        if (!this.jobWatchers.has(ref.jobId)) this.known.delete(key);
      }
    };
  }

  /** Calls `watcher` with every changed state of any execution of the job; returns the stop function. */
  watchJob(jobId: string, watcher: ExecutionWatcher): () => void {
    let watchers = this.jobWatchers.get(jobId);
    if (!watchers) {
      watchers = new Set();
      this.jobWatchers.set(jobId, watchers);
      // The executions as they are now: the baseline later lists are compared with.
      this.reconcileJob(jobId, true).catch((err: unknown) =>
        this.logFailure(err, 'job baseline failed', { jobId }),
      );
    }
    watchers.add(watcher);
    const own = watchers;
    return () => {
      own.delete(watcher);
      if (own.size > 0 || this.jobWatchers.get(jobId) !== own) return;
      this.jobWatchers.delete(jobId);
      for (const key of [...this.known.keys()]) {
        if (key.startsWith(`${jobId}/`) && !this.executionWatchers.has(key)) this.known.delete(key);
      }
    };
  }

  /** The execution as AWS has it now (null when it does not exist); watchers get it too if it changed. */
  current(ref: ExecutionRef): Promise<JobExecutionModel | null> {
    return this.reads.run(keyOf(ref), () => this.read(ref));
  }

  /**
   * Re-reads what is watched and hands changes to the watchers: fills gaps after reconnects and lost
   * events. Calls while a pass runs share one more pass after it, so passes never pile up.
   */
  reconcile(): Promise<void> {
    return this.passes.run('reconcile', () => this.reconcileAll());
  }

  private async reconcileAll(): Promise<void> {
    this.stats.reconciles += 1;
    const byJob = new Map<string, ExecutionRef[]>();
    for (const jobId of this.jobWatchers.keys()) byJob.set(jobId, []);
    for (const { ref } of this.executionWatchers.values()) {
      const refs = byJob.get(ref.jobId);
      if (refs) refs.push(ref);
      else byJob.set(ref.jobId, [ref]);
    }
    await Promise.all(
      [...byJob].map(async ([jobId, refs]) => {
        try {
          if (this.jobWatchers.has(jobId) || refs.length >= LIST_THRESHOLD)
            await this.reconcileJob(jobId, false);
          else await Promise.all(refs.map((ref) => this.refreshInBackground(ref)));
        } catch (err) {
          this.logFailure(err, 'reconciliation failed', { jobId });
        }
      }),
    );
  }

  /** True while anything is watched. */
  get active(): boolean {
    return this.executionWatchers.size > 0 || this.jobWatchers.size > 0;
  }

  /** How many watchers (one per subscription) are registered. */
  get watchers(): number {
    let count = 0;
    for (const entry of this.executionWatchers.values()) count += entry.watchers.size;
    for (const watchers of this.jobWatchers.values()) count += watchers.size;
    return count;
  }

  /** Stops upstream calls in flight; watchers get nothing more. */
  close(): void {
    this.stopped.abort();
    this.executionWatchers.clear();
    this.jobWatchers.clear();
  }

  private watched(ref: ExecutionRef): boolean {
    return this.executionWatchers.has(keyOf(ref)) || this.jobWatchers.has(ref.jobId);
  }

  private *watchedRefsOfThing(thingName: string): Iterable<ExecutionRef> {
    for (const { ref } of this.executionWatchers.values()) if (ref.thingName === thingName) yield ref;
    for (const key of this.known.keys()) {
      const slash = key.indexOf('/');
      const ref = { jobId: key.slice(0, slash), thingName: key.slice(slash + 1) };
      if (ref.thingName === thingName && !this.executionWatchers.has(key) && this.jobWatchers.has(ref.jobId))
        yield ref;
    }
  }

  /** True when the hint says nothing newer than what was last read. */
  private isStale(key: string, hint: JobEventHint): boolean {
    const known = this.known.get(key);
    if (!known) return false;
    if (hint.executionNumber !== null && hint.versionNumber !== null && known.versionNumber !== null) {
      return (
        compareVersions(
          { executionNumber: hint.executionNumber, versionNumber: hint.versionNumber },
          known,
        ) <= 0
      );
    }
    // A terminal state never changes: the same terminal event again is a repeat.
    return (
      isTerminal(hint.status) &&
      hint.status === known.status &&
      (hint.executionNumber ?? known.executionNumber) === known.executionNumber
    );
  }

  /** Reads the execution and hands a change to the watchers; failures are logged (reconciliation retries). */
  private refreshInBackground(ref: ExecutionRef): Promise<void> {
    return this.current(ref).then(
      () => undefined,
      (err: unknown) => this.logFailure(err, 'reading a changed execution failed', { ...ref }),
    );
  }

  private async read(ref: ExecutionRef): Promise<JobExecutionModel | null> {
    const key = keyOf(ref);
    let execution: JobExecutionModel;
    try {
      this.stats.describes += 1;
      execution = await this.limit.run(() =>
        this.options.upstream.describeJobExecution(
          { jobId: ref.jobId, thingName: ref.thingName },
          this.stopped.signal,
        ),
      );
    } catch (err) {
      if (isUpstreamError(err) && err.failure.kind === 'ResourceNotFound') {
        this.known.delete(key);
        return null;
      }
      throw err;
    }
    if (this.stopped.signal.aborted || !this.watched(ref)) return execution;
    const previous = this.known.get(key);
    this.known.set(key, {
      executionNumber: execution.executionNumber,
      versionNumber: execution.versionNumber,
      status: execution.status,
      lastUpdatedAt: timeOf(execution.lastUpdatedAt),
    });
    if (changed(previous, execution)) this.emit(key, execution);
    return execution;
  }

  private emit(key: string, execution: JobExecutionModel): void {
    const watchers = [
      ...(this.executionWatchers.get(key)?.watchers ?? []),
      ...(this.jobWatchers.get(execution.jobId) ?? []),
    ];
    for (const watcher of watchers) {
      try {
        watcher(execution);
      } catch (err) {
        this.options.logger.error({ err }, 'subscription watcher failed');
      }
    }
  }

  /** Lists the job's executions and re-reads those that differ from what is known (all unknown ones unless `baseline`). */
  private async reconcileJob(jobId: string, baseline: boolean): Promise<void> {
    const seen = new Set<string>();
    const reads: Promise<void>[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
      const result = await this.limit.run(() =>
        this.options.upstream.listJobExecutionsForJob(
          { jobId, maxResults: 250, ...(nextToken ? { nextToken } : {}) },
          this.stopped.signal,
        ),
      );
      for (const summary of result.items) {
        if (summary.executionNumber === null) continue;
        const ref = { jobId, thingName: summary.thingName };
        const key = keyOf(ref);
        seen.add(key);
        if (!this.watched(ref)) continue;
        const known = this.known.get(key);
        if (!known && baseline) {
          this.known.set(key, {
            executionNumber: summary.executionNumber,
            versionNumber: summary.versionNumber,
            status: summary.status,
            lastUpdatedAt: timeOf(summary.lastUpdatedAt),
          });
        } else if (
          !known ||
          known.executionNumber !== summary.executionNumber ||
          known.status !== summary.status ||
          known.lastUpdatedAt !== timeOf(summary.lastUpdatedAt)
        ) {
          reads.push(this.refreshInBackground(ref));
        }
      }
      if (!result.nextToken) break;
      nextToken = result.nextToken;
    }
    // Known executions the list no longer has were deleted: reading them drops them.
    for (const key of [...this.known.keys()]) {
      if (key.startsWith(`${jobId}/`) && !seen.has(key))
        reads.push(this.refreshInBackground({ jobId, thingName: key.slice(jobId.length + 1) }));
    }
    // Watched executions the list does not show yet (not queued yet): read them directly.
    for (const { ref } of this.executionWatchers.values()) {
      if (ref.jobId === jobId && !seen.has(keyOf(ref)) && !this.known.has(keyOf(ref)))
        reads.push(this.refreshInBackground(ref));
    }
    await Promise.all(reads);
  }

  private logFailure(err: unknown, message: string, fields: Record<string, unknown>): void {
    if (this.stopped.signal.aborted) return;
    const failure = isUpstreamError(err) ? err.failure.kind : undefined;
    this.options.logger.warn({ ...fields, failure, err: failure ? undefined : err }, message);
  }
}

/** Whether `execution` differs from what was last read (versions when both are known, else status and time). */
function changed(previous: Known | undefined, execution: JobExecutionModel): boolean {
  if (!previous || previous.executionNumber !== execution.executionNumber) return true;
  if (previous.versionNumber !== null && execution.versionNumber !== null)
    return previous.versionNumber !== execution.versionNumber;
  return previous.status !== execution.status || previous.lastUpdatedAt !== timeOf(execution.lastUpdatedAt);
}
