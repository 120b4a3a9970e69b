import type { JobExecutionModel, JobExecutionStateModel, JobExecutionStatus } from './models.js';

// Validated inputs of the upstream operations (what src/validation produces) and their outcomes.

export type StatusDetailsMap = Record<string, string>;

/** The statuses a device may set with UpdateJobExecution. */
export type DeviceSettableStatus = Extract<
  JobExecutionStatus,
  'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'REJECTED'
>;

export interface ExecutionRef {
  jobId: string;
  thingName: string;
}

/** One string per execution: '/' appears in neither a job id nor a thing name, so it is unambiguous. */
export const executionRefKey = (ref: ExecutionRef): string => `${ref.jobId}/${ref.thingName}`;

export interface CancelJobExecutionCommand extends ExecutionRef {
  force?: boolean;
  expectedVersion?: number;
  statusDetails?: StatusDetailsMap;
}

export interface DeleteJobExecutionCommand extends ExecutionRef {
  executionNumber: number;
  force?: boolean;
  namespaceId?: string;
}

export interface UpdateJobExecutionCommand extends ExecutionRef {
  status: DeviceSettableStatus;
  statusDetails?: StatusDetailsMap;
  stepTimeoutInMinutes?: number;
  expectedVersion?: number;
  includeJobExecutionState?: boolean;
  includeJobDocument?: boolean;
  executionNumber?: number;
}

/** What a change that AWS answers with nothing tells: which AWS request made it, for the audit trail. */
export interface MutationReceipt {
  /** x-amzn-RequestId of the successful attempt; null when the answer carried none. */
  upstreamRequestId: string | null;
}

export interface UpdateJobExecutionOutcome extends MutationReceipt {
  executionState: JobExecutionStateModel | null;
  /** The job document's JSON text, when asked for. */
  jobDocument: string | null;
}

export interface DescribeJobExecutionQuery extends ExecutionRef {
  /** Omitted: the latest execution of the job on the thing. */
  executionNumber?: number;
}

export interface DescribeJobExecutionDataQuery extends DescribeJobExecutionQuery {
  /** Default false here (AWS defaults to true). */
  includeJobDocument?: boolean;
}

export interface DataExecutionOutcome {
  execution: JobExecutionModel | null;
  jobDocument: string | null;
}

/** A list row: AWS summaries carry no statusDetails and only some carry versionNumber. */
export interface JobExecutionSummaryModel {
  jobId: string;
  thingName: string;
  status: JobExecutionStatus;
  queuedAt: Date | null;
  startedAt: Date | null;
  lastUpdatedAt: Date | null;
  executionNumber: number | null;
  versionNumber: number | null;
  retryAttempt: number | null;
}

export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

export interface ListJobExecutionsForJobQuery {
  jobId: string;
  status?: JobExecutionStatus;
  maxResults?: number;
  nextToken?: string;
}

export interface ListJobExecutionsForThingQuery {
  thingName: string;
  status?: JobExecutionStatus;
  jobId?: string;
  namespaceId?: string;
  maxResults?: number;
  nextToken?: string;
}

export interface PendingJobExecutions {
  inProgress: JobExecutionSummaryModel[];
  queued: JobExecutionSummaryModel[];
}
