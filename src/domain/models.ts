// Mapper targets for the generated resolver types: plain data, no AWS SDK types, no imports.

/** The eight execution states; identical in both AWS planes. */
export type JobExecutionStatus =
  'QUEUED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'REJECTED' | 'REMOVED' | 'CANCELED';

export const JOB_EXECUTION_STATUSES: readonly JobExecutionStatus[] = [
  'QUEUED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'REMOVED',
  'CANCELED',
];

export interface StatusDetailModel {
  key: string;
  value: string;
}

/** One execution, normalized from either plane (see src/upstream/normalize.ts). */
export interface JobExecutionModel {
  jobId: string;
  thingName: string;
  status: JobExecutionStatus;
  statusDetails: StatusDetailModel[];
  forceCanceled: boolean | null;
  queuedAt: Date | null;
  startedAt: Date | null;
  lastUpdatedAt: Date | null;
  executionNumber: number;
  versionNumber: number | null;
  approximateSecondsBeforeTimedOut: number | null;
}

/** The status/details/version triple that AWS reports after an update or on a conflict. */
export interface JobExecutionStateModel {
  status: JobExecutionStatus;
  statusDetails: StatusDetailModel[];
  versionNumber: number | null;
}

/** Parent of CancelJobExecutionSuccess; `execution` is read lazily unless already known. */
export interface CancelSuccessModel {
  jobId: string;
  thingName: string;
  execution?: JobExecutionModel | null;
  /** The AWS request that made the change, for the audit line (not a GraphQL field). */
  upstreamRequestId?: string | null;
}

/** Parent of UpdateJobExecutionSuccess; `execution` is read lazily unless already known. */
export interface UpdateSuccessModel {
  jobId: string;
  thingName: string;
  executionNumber: number | null;
  executionState: JobExecutionStateModel | null;
  jobDocument: unknown;
  execution?: JobExecutionModel | null;
  /** The AWS request that made the change, for the audit line (not a GraphQL field). */
  upstreamRequestId?: string | null;
}

/** The state triple of a full execution (used when AWS sends no executionState). */
export function stateOf(execution: JobExecutionModel): JobExecutionStateModel {
  return {
    status: execution.status,
    statusDetails: execution.statusDetails,
    versionNumber: execution.versionNumber,
  };
}
