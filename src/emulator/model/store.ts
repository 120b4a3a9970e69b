import { randomUUID } from 'node:crypto';
import { type Clock } from '../api.js';
import {
  alreadyExists,
  invalidRequest,
  invalidStateTransition,
  notFound,
  versionConflict,
  versionMismatch,
} from '../errors.js';
import { type ExecutionChange } from '../events.js';
import { ThingGroupRegistry } from './thingGroups.js';
import { TimerQueue } from './timerQueue.js';
import {
  emptyCounts,
  isTerminal,
  type Execution,
  type ExecutionStatus,
  type Job,
  type TargetSelection,
  type Thing,
} from './types.js';

export interface StoreOptions {
  clock: Clock;
  region: string;
  accountId: string;
}

export interface NewJob {
  jobId: string;
  document: string;
  description?: string;
  /** Names of existing things; the caller has already resolved the ARNs (thing groups expanded). */
  thingNames: string[];
  /** The targets as given (thing and thing-group ARNs); default the ARNs of thingNames. */
  targetArns?: string[];
  targetSelection: TargetSelection;
  inProgressTimeoutInMinutes?: number;
}

export interface DeviceUpdate {
  status: ExecutionStatus;
  statusDetails?: Record<string, string>;
  /** 1-10080, or -1 to clear the step timer. */
  stepTimeoutInMinutes?: number;
  expectedVersion?: number;
}

export const DEVICE_STATUSES = ['IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'REJECTED'] as const;
type DeviceStatus = (typeof DEVICE_STATUSES)[number];
const isDeviceStatus = (status: ExecutionStatus): status is DeviceStatus =>
  (DEVICE_STATUSES as readonly ExecutionStatus[]).includes(status);

const MINUTE_MS = 60_000;

/** All emulated state and the job-execution state machine; every mutation goes through here. */
export class Store {
  private things = new Map<string, Thing>();
  private jobs = new Map<string, Job>();
  /** thingName → jobId → execution history; survives DeleteThing as AWS keeps executions. */
  private byThing = new Map<string, Map<string, Execution[]>>();
  private timers = new TimerQueue();
  private seq = 0;
  /** Called after every execution change (src/emulator/events.ts publishes them); default none. */
  onExecutionChange?: (change: ExecutionChange) => void;

  /** Static thing groups; src/emulator/model/groupJobs.ts ties their membership changes to jobs. */
  readonly groups: ThingGroupRegistry;

  constructor(private readonly options: StoreOptions) {
    this.groups = new ThingGroupRegistry(options);
  }

  now(): number {
    return this.options.clock.now();
  }

  thingArn(thingName: string): string {
    return `arn:aws:iot:${this.options.region}:${this.options.accountId}:thing/${thingName}`;
  }

  jobArn(jobId: string): string {
    return `arn:aws:iot:${this.options.region}:${this.options.accountId}:job/${jobId}`;
  }

  /** The thing name of a thing ARN in this account and region, or undefined for any other ARN. */
  thingNameOfArn(arn: string): string | undefined {
    const prefix = this.thingArn('');
    return arn.startsWith(prefix) && arn.length > prefix.length ? arn.slice(prefix.length) : undefined;
  }

  reset(): void {
    this.things.clear();
    this.jobs.clear();
    this.byThing.clear();
    this.timers.clear();
    this.groups.clear();
  }

  /** Applies every timer that has expired by now; called before each request reads or changes state. */
  sweep(): void {
    for (const { execution, deadline } of this.timers.popDue(this.now())) {
      if (execution.status === 'IN_PROGRESS') this.timeOut(execution, deadline);
    }
  }

  // ---- things ----

  createThing(thingName: string, attributes?: Record<string, string>, thingTypeName?: string): Thing {
    const existing = this.things.get(thingName);
    if (existing) {
      const sameAttributes = attributes === undefined || sameMap(attributes, existing.attributes);
      const sameType = thingTypeName === undefined || thingTypeName === existing.thingTypeName;
      if (sameAttributes && sameType) return existing;
      throw alreadyExists(`Thing ${thingName} already exists with different attributes`, {
        resourceId: existing.thingId,
        resourceArn: existing.thingArn,
      });
    }
    const thing: Thing = {
      thingName,
      thingArn: this.thingArn(thingName),
      thingId: randomUUID(),
      attributes: { ...attributes },
      version: 1,
      ...(thingTypeName === undefined ? {} : { thingTypeName }),
    };
    this.things.set(thingName, thing);
    return thing;
  }

  getThing(thingName: string): Thing {
    const thing = this.things.get(thingName);
    if (!thing) throw notFound(`Thing ${thingName} cannot be found.`);
    return thing;
  }

  /** AWS answers success for a thing that does not exist, so this does too. */
  deleteThing(thingName: string, expectedVersion?: number): void {
    const thing = this.things.get(thingName);
    if (!thing) return;
    if (expectedVersion !== undefined && expectedVersion !== thing.version) {
      throw versionConflict(
        `The version for thing ${thingName} does not match the expected version (current ${thing.version}).`,
      );
    }
    this.things.delete(thingName);
    this.groups.forgetThing(thingName);
  }

  listThings(): IterableIterator<Thing> {
    return this.things.values();
  }

  // ---- jobs ----

  createJob(input: NewJob): Job {
    const existing = this.jobs.get(input.jobId);
    if (existing) {
      throw alreadyExists(`Job ${input.jobId} already exists.`, {
        resourceId: existing.jobId,
        resourceArn: existing.jobArn,
      });
    }
    const now = this.now();
    const job: Job = {
      jobId: input.jobId,
      jobArn: this.jobArn(input.jobId),
      document: input.document,
      targets: input.targetArns ?? input.thingNames.map((name) => this.thingArn(name)),
      targetSelection: input.targetSelection,
      status: 'IN_PROGRESS',
      forceCanceled: false,
      createdAt: now,
      lastUpdatedAt: now,
      counts: emptyCounts(),
      executions: new Map(),
      seq: this.seq++,
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.inProgressTimeoutInMinutes === undefined
        ? {}
        : { inProgressTimeoutInMinutes: input.inProgressTimeoutInMinutes }),
    };
    this.jobs.set(job.jobId, job);
    for (const thingName of input.thingNames) this.queueExecution(job, thingName, now);
    // A snapshot of an empty thing group has nothing to wait for.
    this.completeIfDone(job, now);
    return job;
  }

  getJob(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`Job ${jobId} cannot be found.`);
    return job;
  }

  listJobs(): IterableIterator<Job> {
    return this.jobs.values();
  }

  /** Cancels the job and its QUEUED executions, and its IN_PROGRESS ones too when forced. */
  cancelJob(job: Job, options: { force: boolean; reasonCode?: string; comment?: string }): void {
    if (job.status === 'COMPLETED') {
      throw invalidRequest(`Job ${job.jobId} is already COMPLETED and cannot be canceled.`);
    }
    const now = this.now();
    job.status = 'CANCELED';
    job.forceCanceled ||= options.force;
    if (options.reasonCode !== undefined) job.reasonCode = options.reasonCode;
    if (options.comment !== undefined) job.comment = options.comment;
    job.lastUpdatedAt = now;
    for (const execution of this.executionsOfJob(job)) {
      if (execution.status === 'QUEUED' || (execution.status === 'IN_PROGRESS' && options.force)) {
        execution.forceCanceled = options.force;
        this.transition(execution, 'CANCELED', now);
      }
    }
  }

  /** Removes the job at once (AWS passes through DELETION_IN_PROGRESS asynchronously). */
  deleteJob(job: Job, force: boolean): void {
    const active = job.status === 'IN_PROGRESS' || job.status === 'SCHEDULED' || job.counts.IN_PROGRESS > 0;
    if (active && !force) {
      throw invalidStateTransition(
        `Job ${job.jobId} is ${job.status}${job.counts.IN_PROGRESS > 0 ? ' with executions IN_PROGRESS' : ''}; set force=true to delete it.`,
      );
    }
    for (const [thingName, history] of job.executions) {
      for (const execution of history) {
        execution.deleted = true;
        execution.timerGeneration++;
      }
      this.byThing.get(thingName)?.delete(job.jobId);
      for (const execution of history)
        this.onExecutionChange?.({ execution, previousStatus: execution.status, deleted: true });
    }
    this.jobs.delete(job.jobId);
  }

  // ---- executions ----

  /** The given execution, or the latest one of the job on the thing when no number is given. */
  execution(jobId: string, thingName: string, executionNumber?: number): Execution {
    const history = this.byThing.get(thingName)?.get(jobId);
    const execution =
      executionNumber === undefined
        ? history?.[history.length - 1]
        : history?.find((e) => e.executionNumber === executionNumber);
    if (!execution) {
      const which = executionNumber === undefined ? '' : ` with execution number ${executionNumber}`;
      throw notFound(`Job execution of job ${jobId} on thing ${thingName}${which} cannot be found.`);
    }
    return execution;
  }

  executionsOfJob(job: Job): Execution[] {
    return [...job.executions.values()].flat();
  }

  executionsOfThing(thingName: string): Execution[] {
    const perJob = this.byThing.get(thingName);
    return perJob ? [...perJob.values()].flat() : [];
  }

  /** Pending executions of a thing, oldest first: the order StartNextPendingJobExecution serves them in. */
  pendingOf(thingName: string): { inProgress: Execution[]; queued: Execution[] } {
    const inProgress: Execution[] = [];
    const queued: Execution[] = [];
    for (const execution of this.executionsOfThing(thingName)) {
      if (execution.status === 'IN_PROGRESS') inProgress.push(execution);
      else if (execution.status === 'QUEUED') queued.push(execution);
    }
    const oldestFirst = (a: Execution, b: Execution): number => a.queuedAt - b.queuedAt || a.seq - b.seq;
    return { inProgress: inProgress.sort(oldestFirst), queued: queued.sort(oldestFirst) };
  }

  nextPending(thingName: string): Execution | undefined {
    const { inProgress, queued } = this.pendingOf(thingName);
    return inProgress[0] ?? queued[0];
  }

  /** UpdateJobExecution: the device reports progress or an outcome. */
  deviceUpdate(execution: Execution, update: DeviceUpdate): void {
    if (update.expectedVersion !== undefined && update.expectedVersion !== execution.versionNumber) {
      throw versionMismatch(
        `Expected version ${update.expectedVersion} does not match the current version ${execution.versionNumber}.`,
        { executionState: executionState(execution) },
      );
    }
    if (isTerminal(execution.status)) {
      throw invalidStateTransition(
        `Job execution of job ${execution.job.jobId} on thing ${execution.thingName} is already ${execution.status}; it cannot move to ${update.status}.`,
        { executionState: executionState(execution) },
      );
    }
    // QUEUED, TIMED_OUT, REMOVED and CANCELED are the service's to set, never a device's.
    if (!isDeviceStatus(update.status)) {
      throw invalidStateTransition(
        `A device cannot move a job execution to ${update.status}; it may set ${DEVICE_STATUSES.join(', ')}.`,
        { executionState: executionState(execution) },
      );
    }
    const now = this.now();
    if (update.status === 'IN_PROGRESS') {
      if (execution.status === 'QUEUED') this.start(execution, now);
      if (update.stepTimeoutInMinutes !== undefined)
        this.setStepTimer(execution, update.stepTimeoutInMinutes, now);
    }
    if (update.statusDetails) execution.statusDetails = { ...update.statusDetails };
    this.transition(execution, update.status, now);
  }

  /** StartNextPendingJobExecution: returns the chosen execution, or undefined when nothing is pending. */
  startNext(
    thingName: string,
    options: { statusDetails?: Record<string, string>; stepTimeoutInMinutes?: number },
  ): Execution | undefined {
    const next = this.nextPending(thingName);
    // An execution already IN_PROGRESS is returned unchanged: details and timers apply only to a QUEUED one.
    if (next?.status === 'QUEUED') this.deviceUpdate(next, { status: 'IN_PROGRESS', ...options });
    return next;
  }

  /** CancelJobExecution: QUEUED always, IN_PROGRESS only when forced, terminal never. */
  cancelExecution(
    execution: Execution,
    options: { force: boolean; expectedVersion?: number; statusDetails?: Record<string, string> },
  ): void {
    if (options.expectedVersion !== undefined && options.expectedVersion !== execution.versionNumber) {
      throw versionConflict(
        `Expected version ${options.expectedVersion} does not match the current version ${execution.versionNumber}.`,
      );
    }
    if (isTerminal(execution.status)) {
      throw invalidStateTransition(
        `Job execution of job ${execution.job.jobId} on thing ${execution.thingName} is already ${execution.status}.`,
      );
    }
    if (execution.status === 'IN_PROGRESS' && !options.force) {
      throw invalidStateTransition(
        `Job execution of job ${execution.job.jobId} on thing ${execution.thingName} is IN_PROGRESS; set force=true to cancel it.`,
      );
    }
    if (options.statusDetails) execution.statusDetails = { ...options.statusDetails };
    execution.forceCanceled = options.force;
    this.transition(execution, 'CANCELED', this.now());
  }

  /** DeleteJobExecution: terminal executions always, QUEUED and IN_PROGRESS only when forced. */
  deleteExecution(execution: Execution, force: boolean): void {
    if (!isTerminal(execution.status) && !force) {
      const hint = execution.status === 'QUEUED' ? 'cancel it first or set force=true' : 'set force=true';
      throw invalidStateTransition(
        `Job execution of job ${execution.job.jobId} on thing ${execution.thingName} is ${execution.status}; ${hint} to delete it.`,
      );
    }
    const { job, thingName } = execution;
    execution.deleted = true;
    execution.timerGeneration++;
    job.counts[execution.status]--;
    const history = job.executions.get(thingName) ?? [];
    history.splice(history.indexOf(execution), 1);
    if (history.length === 0) {
      job.executions.delete(thingName);
      this.byThing.get(thingName)?.delete(job.jobId);
    }
    job.lastUpdatedAt = this.now();
    this.completeIfDone(job, job.lastUpdatedAt);
    this.onExecutionChange?.({ execution, previousStatus: execution.status, deleted: true });
  }

  /** The service moves an IN_PROGRESS execution to TIMED_OUT when a timer expires. */
  timeOut(execution: Execution, at: number = this.now()): void {
    if (execution.status !== 'IN_PROGRESS') {
      throw invalidStateTransition(`Only an IN_PROGRESS execution can time out (it is ${execution.status}).`);
    }
    this.transition(execution, 'TIMED_OUT', at);
  }

  /** The service queues a new execution when a thing joins a target group of a continuous job. */
  queueFor(job: Job, thingName: string): void {
    this.queueExecution(job, thingName, this.now());
  }

  /** The service moves a QUEUED execution to REMOVED when its thing stops being a target. */
  remove(execution: Execution): void {
    if (execution.status !== 'QUEUED') {
      throw invalidStateTransition(`Only a QUEUED execution can be removed (it is ${execution.status}).`);
    }
    this.transition(execution, 'REMOVED', this.now());
  }

  /** Seconds left on the earliest running timer; undefined when no timer runs. */
  secondsBeforeTimedOut(execution: Execution): number | undefined {
    const deadline = earliestDeadline(execution);
    if (execution.status !== 'IN_PROGRESS' || deadline === undefined) return undefined;
    return Math.max(0, Math.ceil((deadline - this.now()) / 1000));
  }

  private queueExecution(job: Job, thingName: string, now: number): void {
    let history = job.executions.get(thingName);
    if (!history) {
      history = [];
      job.executions.set(thingName, history);
      let perJob = this.byThing.get(thingName);
      if (!perJob) {
        perJob = new Map();
        this.byThing.set(thingName, perJob);
      }
      perJob.set(job.jobId, history);
    }
    history.push({
      job,
      thingName,
      executionNumber: (history[history.length - 1]?.executionNumber ?? 0) + 1,
      status: 'QUEUED',
      statusDetails: {},
      forceCanceled: false,
      queuedAt: now,
      lastUpdatedAt: now,
      versionNumber: 1,
      timerGeneration: 0,
      deleted: false,
      seq: this.seq++,
    });
    job.counts.QUEUED++;
    this.onExecutionChange?.({
      execution: history[history.length - 1]!,
      previousStatus: null,
      deleted: false,
    });
  }

  private start(execution: Execution, now: number): void {
    execution.startedAt = now;
    const minutes = execution.job.inProgressTimeoutInMinutes;
    if (minutes !== undefined) execution.inProgressDeadline = now + minutes * MINUTE_MS;
    this.scheduleTimers(execution);
  }

  private setStepTimer(execution: Execution, minutes: number, now: number): void {
    if (minutes === -1) {
      delete execution.stepDeadline;
    } else {
      // The step timer never outlives the job's in-progress timer.
      execution.stepDeadline = Math.min(now + minutes * MINUTE_MS, execution.inProgressDeadline ?? Infinity);
    }
    this.scheduleTimers(execution);
  }

  private scheduleTimers(execution: Execution): void {
    execution.timerGeneration++;
    const deadline = earliestDeadline(execution);
    if (deadline !== undefined) this.timers.push(execution, deadline);
  }

  /** The one place a status changes: keeps versions, job counters and job completion in step. */
  private transition(execution: Execution, status: ExecutionStatus, at: number): void {
    const { job } = execution;
    const previousStatus = execution.status;
    job.counts[execution.status]--;
    job.counts[status]++;
    execution.status = status;
    execution.versionNumber++;
    execution.lastUpdatedAt = at;
    job.lastUpdatedAt = at;
    if (isTerminal(status)) {
      delete execution.inProgressDeadline;
      delete execution.stepDeadline;
      execution.timerGeneration++;
      this.completeIfDone(job, at);
    }
    this.onExecutionChange?.({ execution, previousStatus, deleted: false });
  }

  private completeIfDone(job: Job, at: number): void {
    if (
      job.status === 'IN_PROGRESS' &&
      job.targetSelection === 'SNAPSHOT' &&
      job.counts.QUEUED === 0 &&
      job.counts.IN_PROGRESS === 0
    ) {
      job.status = 'COMPLETED';
      job.completedAt = at;
    }
  }
}

export function executionState(execution: Execution): {
  status: ExecutionStatus;
  statusDetails: Record<string, string>;
  versionNumber: number;
} {
  return {
    status: execution.status,
    statusDetails: { ...execution.statusDetails },
    versionNumber: execution.versionNumber,
  };
}

function earliestDeadline(execution: Execution): number | undefined {
  const { inProgressDeadline, stepDeadline } = execution;
  if (inProgressDeadline === undefined) return stepDeadline;
  if (stepDeadline === undefined) return inProgressDeadline;
  return Math.min(inProgressDeadline, stepDeadline);
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
