import type {
  JobExecution as ControlJobExecution,
  JobExecutionSummary as ControlJobExecutionSummary,
} from '@aws-sdk/client-iot';
import type {
  JobExecution as DataJobExecution,
  JobExecutionSummary as DataJobExecutionSummary,
} from '@aws-sdk/client-iot-jobs-data-plane';
import type { JobExecutionSummaryModel } from '../domain/commands.js';
import {
  JOB_EXECUTION_STATUSES,
  type JobExecutionModel,
  type JobExecutionStateModel,
  type JobExecutionStatus,
  type StatusDetailModel,
} from '../domain/models.js';
import { thingNameFromArn } from '../domain/arn.js';

export { thingNameFromArn };

// The ONE place where the two planes' execution shapes become the domain model: thingArn vs
// thingName, wrapped vs plain statusDetails, Date vs epoch-second numbers.

/** An upstream answer that cannot be turned into the domain model (a bug or a protocol change). */
export class UpstreamShapeError extends Error {
  override name = 'UpstreamShapeError';
}

type RawExecution = ControlJobExecution | DataJobExecution;

// Epoch values above this are in milliseconds (13 digits): the docs' own examples mix both.
const MAX_EPOCH_SECONDS = 100_000_000_000;

/** Date (control plane) or epoch seconds (data plane; 13-digit values read as milliseconds). */
export function toDate(value: Date | number | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number')
    date = new Date(Math.abs(value) >= MAX_EPOCH_SECONDS ? value : value * 1000);
  else date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function toStatus(value: unknown): JobExecutionStatus {
  if (typeof value === 'string' && (JOB_EXECUTION_STATUSES as readonly string[]).includes(value)) {
    return value as JobExecutionStatus;
  }
  throw new UpstreamShapeError(`unknown job execution status ${JSON.stringify(value)}`);
}

/** Plain map (data plane) or `{ detailsMap }` wrapper (control plane) → sorted name/value pairs. */
function toStatusDetails(value: unknown): StatusDetailModel[] {
  if (value === null || typeof value !== 'object') return [];
  const wrapped = (value as { detailsMap?: unknown }).detailsMap;
  const map = wrapped !== null && typeof wrapped === 'object' ? wrapped : 'detailsMap' in value ? {} : value;
  return Object.entries(map as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, val]) => ({ key, value: val }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function toLong(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Either plane's JobExecution → the domain model. `fallback` fills ids the shape leaves out. */
export function toJobExecutionModel(
  raw: RawExecution,
  fallback: { jobId?: string; thingName?: string } = {},
): JobExecutionModel {
  const jobId = raw.jobId ?? fallback.jobId;
  const thingName =
    ('thingName' in raw ? raw.thingName : undefined) ??
    ('thingArn' in raw && raw.thingArn ? thingNameFromArn(raw.thingArn) : null) ??
    fallback.thingName;
  const executionNumber = toLong(raw.executionNumber);
  if (!jobId || !thingName || executionNumber === null) {
    throw new UpstreamShapeError('job execution without jobId, thing or executionNumber');
  }
  return {
    jobId,
    thingName,
    status: toStatus(raw.status),
    statusDetails: toStatusDetails(raw.statusDetails),
    forceCanceled:
      'forceCanceled' in raw && typeof raw.forceCanceled === 'boolean' ? raw.forceCanceled : null,
    queuedAt: toDate(raw.queuedAt),
    startedAt: toDate(raw.startedAt),
    lastUpdatedAt: toDate(raw.lastUpdatedAt),
    executionNumber,
    versionNumber: toLong(raw.versionNumber),
    approximateSecondsBeforeTimedOut: toLong(raw.approximateSecondsBeforeTimedOut),
  };
}

/** A data-plane JobExecutionState, or the untyped `executionState` found on an error body (null if absent). */
export function toJobExecutionStateModel(raw: unknown): JobExecutionStateModel | null {
  if (raw === null || typeof raw !== 'object') return null;
  const state = raw as { status?: unknown; statusDetails?: unknown; versionNumber?: unknown };
  if (state.status === undefined) return null;
  return {
    status: toStatus(state.status),
    statusDetails: toStatusDetails(state.statusDetails),
    versionNumber: toLong(state.versionNumber),
  };
}

/**
 * A list row of either plane. Control-plane rows carry the job or the thing in their wrapper and
 * the status inside; data-plane rows get their status from the list they came in.
 */
export function toJobExecutionSummaryModel(
  raw: ControlJobExecutionSummary | DataJobExecutionSummary,
  context: { jobId?: string; thingName?: string; thingArn?: string; status?: JobExecutionStatus },
): JobExecutionSummaryModel {
  const jobId = ('jobId' in raw ? raw.jobId : undefined) ?? context.jobId;
  const thingName = context.thingName ?? (context.thingArn ? thingNameFromArn(context.thingArn) : null);
  if (!jobId || !thingName) throw new UpstreamShapeError('job execution summary without jobId or thing');
  return {
    jobId,
    thingName,
    status: toStatus('status' in raw && raw.status !== undefined ? raw.status : context.status),
    queuedAt: toDate(raw.queuedAt),
    startedAt: toDate(raw.startedAt),
    lastUpdatedAt: toDate(raw.lastUpdatedAt),
    executionNumber: toLong(raw.executionNumber),
    versionNumber: 'versionNumber' in raw ? toLong(raw.versionNumber) : null,
    retryAttempt: 'retryAttempt' in raw ? toLong(raw.retryAttempt) : null,
  };
}
