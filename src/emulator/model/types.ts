export const EXECUTION_STATUSES = [
  'QUEUED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'REMOVED',
  'CANCELED',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<ExecutionStatus> = new Set([
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'REMOVED',
  'CANCELED',
]);

export const isTerminal = (status: ExecutionStatus): boolean => TERMINAL_STATUSES.has(status);

export const JOB_STATUSES = [
  'IN_PROGRESS',
  'CANCELED',
  'COMPLETED',
  'DELETION_IN_PROGRESS',
  'SCHEDULED',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TARGET_SELECTIONS = ['CONTINUOUS', 'SNAPSHOT'] as const;
export type TargetSelection = (typeof TARGET_SELECTIONS)[number];

export interface Thing {
  thingName: string;
  thingArn: string;
  thingId: string;
  thingTypeName?: string;
  attributes: Record<string, string>;
  version: number;
}

export interface Job {
  jobId: string;
  jobArn: string;
  document: string;
  description?: string;
  targets: string[];
  targetSelection: TargetSelection;
  status: JobStatus;
  forceCanceled: boolean;
  reasonCode?: string;
  comment?: string;
  inProgressTimeoutInMinutes?: number;
  createdAt: number;
  lastUpdatedAt: number;
  completedAt?: number;
  /** How many executions are in each status; kept in step with every transition. */
  counts: Record<ExecutionStatus, number>;
  /** Execution history per thing, oldest first; the same arrays are indexed by thing in the store. */
  executions: Map<string, Execution[]>;
  /** Creation order, for stable listings. */
  seq: number;
}

export interface Execution {
  job: Job;
  thingName: string;
  executionNumber: number;
  status: ExecutionStatus;
  statusDetails: Record<string, string>;
  forceCanceled: boolean;
  queuedAt: number;
  startedAt?: number;
  lastUpdatedAt: number;
  versionNumber: number;
  /** Absolute epoch-ms deadlines of the job's in-progress timer and the device's step timer. */
  inProgressDeadline?: number;
  stepDeadline?: number;
  /** Bumped whenever a deadline changes, so stale timer-queue entries are ignored. */
  timerGeneration: number;
  deleted: boolean;
  /** Global creation order: the tie-breaker of "oldest first". */
  seq: number;
}

export const emptyCounts = (): Record<ExecutionStatus, number> => ({
  QUEUED: 0,
  IN_PROGRESS: 0,
  SUCCEEDED: 0,
  FAILED: 0,
  TIMED_OUT: 0,
  REJECTED: 0,
  REMOVED: 0,
  CANCELED: 0,
});
