import { type Store } from '../model/store.js';
import { type Execution, type Job, type Thing } from '../model/types.js';

// Control-plane timestamps are epoch seconds with a fraction (the SDK yields Date);
// data-plane ones are whole epoch seconds (the SDK yields number).
const controlTime = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : ms / 1000;
const dataTime = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : Math.floor(ms / 1000);

export function controlExecution(store: Store, e: Execution): Record<string, unknown> {
  return {
    jobId: e.job.jobId,
    status: e.status,
    forceCanceled: e.forceCanceled,
    statusDetails: { detailsMap: { ...e.statusDetails } },
    thingArn: store.thingArn(e.thingName),
    queuedAt: controlTime(e.queuedAt),
    startedAt: controlTime(e.startedAt),
    lastUpdatedAt: controlTime(e.lastUpdatedAt),
    executionNumber: e.executionNumber,
    versionNumber: e.versionNumber,
    approximateSecondsBeforeTimedOut: store.secondsBeforeTimedOut(e),
  };
}

export function controlExecutionSummary(e: Execution): Record<string, unknown> {
  return {
    status: e.status,
    queuedAt: controlTime(e.queuedAt),
    startedAt: controlTime(e.startedAt),
    lastUpdatedAt: controlTime(e.lastUpdatedAt),
    executionNumber: e.executionNumber,
    retryAttempt: 0,
  };
}

export function dataExecution(store: Store, e: Execution, includeDocument: boolean): Record<string, unknown> {
  return {
    jobId: e.job.jobId,
    thingName: e.thingName,
    status: e.status,
    statusDetails: { ...e.statusDetails },
    queuedAt: dataTime(e.queuedAt),
    startedAt: dataTime(e.startedAt),
    lastUpdatedAt: dataTime(e.lastUpdatedAt),
    approximateSecondsBeforeTimedOut: store.secondsBeforeTimedOut(e),
    versionNumber: e.versionNumber,
    executionNumber: e.executionNumber,
    jobDocument: includeDocument ? e.job.document : undefined,
  };
}

export function dataExecutionSummary(e: Execution): Record<string, unknown> {
  return {
    jobId: e.job.jobId,
    queuedAt: dataTime(e.queuedAt),
    startedAt: dataTime(e.startedAt),
    lastUpdatedAt: dataTime(e.lastUpdatedAt),
    versionNumber: e.versionNumber,
    executionNumber: e.executionNumber,
  };
}

export function job(j: Job): Record<string, unknown> {
  const c = j.counts;
  return {
    jobArn: j.jobArn,
    jobId: j.jobId,
    targetSelection: j.targetSelection,
    status: j.status,
    forceCanceled: j.forceCanceled,
    reasonCode: j.reasonCode,
    comment: j.comment,
    targets: [...j.targets],
    description: j.description,
    createdAt: controlTime(j.createdAt),
    lastUpdatedAt: controlTime(j.lastUpdatedAt),
    completedAt: controlTime(j.completedAt),
    jobProcessDetails: {
      numberOfCanceledThings: c.CANCELED,
      numberOfSucceededThings: c.SUCCEEDED,
      numberOfFailedThings: c.FAILED,
      numberOfRejectedThings: c.REJECTED,
      numberOfQueuedThings: c.QUEUED,
      numberOfInProgressThings: c.IN_PROGRESS,
      numberOfRemovedThings: c.REMOVED,
      numberOfTimedOutThings: c.TIMED_OUT,
    },
    timeoutConfig:
      j.inProgressTimeoutInMinutes === undefined
        ? undefined
        : { inProgressTimeoutInMinutes: j.inProgressTimeoutInMinutes },
    isConcurrent: false,
  };
}

export function jobSummary(j: Job): Record<string, unknown> {
  return {
    jobArn: j.jobArn,
    jobId: j.jobId,
    targetSelection: j.targetSelection,
    status: j.status,
    createdAt: controlTime(j.createdAt),
    lastUpdatedAt: controlTime(j.lastUpdatedAt),
    completedAt: controlTime(j.completedAt),
    isConcurrent: false,
  };
}

export function thingAttribute(t: Thing): Record<string, unknown> {
  return {
    thingName: t.thingName,
    thingTypeName: t.thingTypeName,
    thingArn: t.thingArn,
    attributes: { ...t.attributes },
    version: t.version,
  };
}
