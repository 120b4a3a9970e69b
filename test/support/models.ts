import { UpstreamError } from '../../src/domain/failures.js';
import type { JobModel } from '../../src/domain/reads.js';

/** A DescribeJob answer as the upstream layer returns it: in progress, no dates, every counter 0. */
export const jobModel = (jobId: string, description: string = jobId): JobModel => ({
  jobId,
  status: 'IN_PROGRESS',
  targetSelection: 'SNAPSHOT',
  createdAt: null,
  lastUpdatedAt: null,
  completedAt: null,
  description,
  executionCounts: {
    QUEUED: 0,
    IN_PROGRESS: 0,
    SUCCEEDED: 0,
    FAILED: 0,
    TIMED_OUT: 0,
    REJECTED: 0,
    REMOVED: 0,
    CANCELED: 0,
  },
});

/** DescribeJob's answer for a job AWS does not know, as the upstream layer throws it. */
export const jobNotFoundError = (): UpstreamError =>
  new UpstreamError('DescribeJob', {
    kind: 'ResourceNotFound',
    message: 'not found',
    retryable: false,
    upstreamRequestId: 'r-1',
    attempts: 1,
  });
