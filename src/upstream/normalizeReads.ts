import type { DescribeThingResponse, Job, JobSummary } from '@aws-sdk/client-iot';
import {
  JOB_STATUSES,
  type JobModel,
  type JobStatus,
  type JobSummaryModel,
  type TargetSelection,
  type ThingModel,
} from '../domain/reads.js';
import { toDate, UpstreamShapeError } from './normalize.js';

// Jobs and things from the control plane → the read-side domain models (src/domain/reads.ts).

function toJobStatus(value: unknown): JobStatus | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value)) {
    return value as JobStatus;
  }
  throw new UpstreamShapeError(`unknown job status ${JSON.stringify(value)}`);
}

function toTargetSelection(value: unknown): TargetSelection | null {
  return value === 'CONTINUOUS' || value === 'SNAPSHOT' ? value : null;
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/** A ListJobs row. */
export function toJobSummaryModel(raw: JobSummary | Job): JobSummaryModel {
  if (!raw.jobId) throw new UpstreamShapeError('job without jobId');
  return {
    jobId: raw.jobId,
    status: toJobStatus(raw.status),
    targetSelection: toTargetSelection(raw.targetSelection),
    createdAt: toDate(raw.createdAt),
    lastUpdatedAt: toDate(raw.lastUpdatedAt),
    completedAt: toDate(raw.completedAt),
  };
}

/** A DescribeJob answer; counters AWS leaves out are 0. */
export function toJobModel(raw: Job): JobModel {
  const details = raw.jobProcessDetails ?? {};
  return {
    ...toJobSummaryModel(raw),
    description: raw.description ?? null,
    executionCounts: {
      QUEUED: count(details.numberOfQueuedThings),
      IN_PROGRESS: count(details.numberOfInProgressThings),
      SUCCEEDED: count(details.numberOfSucceededThings),
      FAILED: count(details.numberOfFailedThings),
      TIMED_OUT: count(details.numberOfTimedOutThings),
      REJECTED: count(details.numberOfRejectedThings),
      REMOVED: count(details.numberOfRemovedThings),
      CANCELED: count(details.numberOfCanceledThings),
    },
  };
}

/** A DescribeThing answer; `thingName` is the one asked for when AWS leaves it out. */
export function toThingModel(raw: DescribeThingResponse, thingName: string): ThingModel {
  return {
    thingName: raw.thingName ?? thingName,
    thingTypeName: raw.thingTypeName ?? null,
    attributes: Object.entries(raw.attributes ?? {})
      .map(([name, value]) => ({ name, value }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    version: typeof raw.version === 'number' && Number.isSafeInteger(raw.version) ? raw.version : null,
  };
}
