// Canned restJson1 bodies in the shapes the AWS IoT models define (see the API reference §4), so
// the real SDK deserializers do their full work on them.
import { LIST_SIZE, benchJobDescription, benchJobId } from '../workload.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
// Control-plane timestamps are epoch seconds with a fraction; the data plane uses whole seconds.
const QUEUED_AT = 1_700_000_000.123;
const UPDATED_AT = 1_700_000_360.456;
const STATUSES = ['QUEUED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CANCELED'] as const;

const thingArn = (thingName: string): string => `arn:aws:iot:${REGION}:${ACCOUNT}:thing/${thingName}`;

export function controlExecution(jobId: string, thingName: string): string {
  return JSON.stringify({
    execution: {
      jobId,
      thingArn: thingArn(thingName),
      status: 'CANCELED',
      forceCanceled: false,
      statusDetails: { detailsMap: { step: 'download' } },
      queuedAt: QUEUED_AT,
      lastUpdatedAt: UPDATED_AT,
      executionNumber: 1,
      versionNumber: 2,
    },
  });
}

export function dataExecution(jobId: string, thingName: string): string {
  return JSON.stringify({
    execution: {
      jobId,
      thingName,
      status: 'IN_PROGRESS',
      statusDetails: { step: 'download' },
      queuedAt: Math.floor(QUEUED_AT),
      startedAt: Math.floor(QUEUED_AT) + 5,
      lastUpdatedAt: Math.floor(UPDATED_AT),
      executionNumber: 1,
      versionNumber: 2,
    },
  });
}

/** ListJobExecutionsForThing: `count` summaries spread over the bench jobs, no further page. */
export function executionSummaries(count: number): string {
  const executionSummaries = Array.from({ length: Math.min(count, LIST_SIZE) }, (_, index) => ({
    jobId: benchJobId(index),
    jobExecutionSummary: {
      status: STATUSES[index % STATUSES.length],
      queuedAt: QUEUED_AT,
      lastUpdatedAt: UPDATED_AT,
      executionNumber: 1 + Math.floor(index / 20),
      retryAttempt: 0,
    },
  }));
  return JSON.stringify({ executionSummaries });
}

export function describeJob(jobId: string): string {
  return JSON.stringify({
    job: {
      jobArn: `arn:aws:iot:${REGION}:${ACCOUNT}:job/${jobId}`,
      jobId,
      targetSelection: 'SNAPSHOT',
      status: 'IN_PROGRESS',
      forceCanceled: false,
      description: benchJobDescription(jobId),
      targets: [`arn:aws:iot:${REGION}:${ACCOUNT}:thinggroup/bench-fleet`],
      createdAt: QUEUED_AT,
      lastUpdatedAt: UPDATED_AT,
      timeoutConfig: { inProgressTimeoutInMinutes: 60 },
      jobProcessDetails: {
        processingTargets: [],
        numberOfQueuedThings: 40,
        numberOfInProgressThings: 30,
        numberOfSucceededThings: 30,
      },
      isConcurrent: false,
    },
  });
}

export const pendingExecutions = (): string => JSON.stringify({ inProgressJobs: [], queuedJobs: [] });
export const updateExecution = (): string =>
  JSON.stringify({ executionState: { status: 'SUCCEEDED', statusDetails: {}, versionNumber: 3 } });
export const jobDocument = (): string => JSON.stringify({ document: '{"operation":"install"}' });
export const endpoint = (hostAndPort: string): string => JSON.stringify({ endpointAddress: hostAndPort });
export const throttled = (): string => JSON.stringify({ message: 'Rate exceeded' });
export const notFound = (what: string): string => JSON.stringify({ message: `${what} not found` });
