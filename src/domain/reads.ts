import type { JobExecutionModel, JobExecutionStatus } from './models.js';

// Read-side models: jobs, things and executions as far as the request knows them. Plain data, no
// AWS SDK types; src/upstream/normalizeReads.ts builds them, the graph resolvers read them.

/** A job's own status (not an execution's). */
export type JobStatus = 'IN_PROGRESS' | 'CANCELED' | 'COMPLETED' | 'DELETION_IN_PROGRESS' | 'SCHEDULED';

export const JOB_STATUSES: readonly JobStatus[] = [
  'IN_PROGRESS',
  'CANCELED',
  'COMPLETED',
  'DELETION_IN_PROGRESS',
  'SCHEDULED',
];

export type TargetSelection = 'CONTINUOUS' | 'SNAPSHOT';

/** A ListJobs row: no description, no counters. */
export interface JobSummaryModel {
  jobId: string;
  status: JobStatus | null;
  targetSelection: TargetSelection | null;
  createdAt: Date | null;
  lastUpdatedAt: Date | null;
  completedAt: Date | null;
}

/** How many of the job's executions are in each status (DescribeJob's jobProcessDetails). */
export type JobExecutionCountsModel = Record<JobExecutionStatus, number>;

/** A DescribeJob answer. */
export interface JobModel extends JobSummaryModel {
  description: string | null;
  executionCounts: JobExecutionCountsModel;
}

/** A DescribeThing answer; attributes sorted by name. */
export interface ThingModel {
  thingName: string;
  thingTypeName: string | null;
  attributes: { name: string; value: string }[];
  version: number | null;
}

/**
 * An execution seen in a list: the summary fields AWS returns there. statusDetails, forceCanceled,
 * approximateSecondsBeforeTimedOut (and versionNumber on the control plane) come from a describe.
 */
export interface ListedJobExecution {
  readonly listed: true;
  jobId: string;
  thingName: string;
  status: JobExecutionStatus;
  queuedAt: Date | null;
  startedAt: Date | null;
  lastUpdatedAt: Date | null;
  executionNumber: number;
  versionNumber: number | null;
}

/** Parent of the GraphQL JobExecution: a full describe result or a list row completed lazily. */
export type JobExecutionParent = JobExecutionModel | ListedJobExecution;

export function isListedExecution(execution: JobExecutionParent): execution is ListedJobExecution {
  return 'listed' in execution;
}

/** Parent of the GraphQL Job: the id plus whatever a list or a describe already told us. */
export interface JobParent {
  jobId: string;
  summary?: JobSummaryModel;
  described?: JobModel;
}

/** Parent of the GraphQL Thing: the name plus the DescribeThing answer when already read. */
export interface ThingParent {
  thingName: string;
  described?: ThingModel;
}

export interface ListJobsQuery {
  status?: JobStatus;
  maxResults?: number;
  nextToken?: string;
}
