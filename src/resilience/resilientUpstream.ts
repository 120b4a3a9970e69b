// Wraps every upstream call in a bulkhead and a circuit breaker, and turns deadline aborts into typed failures.
import { abortCause, type CallSignal } from '../upstream/signal.js';
import { UpstreamError, type UpstreamFailure } from '../domain/failures.js';
import type { Upstream } from '../upstream/index.js';
import { BulkheadRejectedError, type Bulkhead } from './bulkhead.js';
import { CircuitOpenError, type UpstreamBreaker } from './circuitBreaker.js';

// Failure kinds that describe the request, not the upstream's health: they never trip the breaker.
const NEUTRAL_KINDS = new Set<UpstreamFailure['kind']>([
  'InvalidRequest',
  'ResourceNotFound',
  'InvalidStateTransition',
  'VersionConflict',
  'CertificateValidation',
  'TerminalState',
]);

/** Breaker filter for UpstreamErrors: only throttling, outages and unexpected failures count. */
export function isNeutralUpstreamError(err: unknown): boolean {
  return err instanceof UpstreamError && NEUTRAL_KINDS.has(err.failure.kind);
}

function unavailable(operation: string, message: string): UpstreamError {
  return new UpstreamError(operation, {
    kind: 'ServiceUnavailable',
    message,
    retryable: true,
    upstreamRequestId: null,
    attempts: 0,
  });
}

export interface ResilienceParts {
  /** One breaker per plane: a data-plane outage must not stop control-plane calls, and vice versa. */
  breakers: { control: UpstreamBreaker; data: UpstreamBreaker };
  /** Shared by both planes: it bounds the gateway's own concurrency. */
  bulkhead: Bulkhead;
}

type Call = (arg: never, signal?: CallSignal) => Promise<unknown>;

/**
 * The same Upstream, but each call waits for a bulkhead slot, goes through the breaker, and fails as
 * a retryable ServiceUnavailable when the breaker is open, the bulkhead is full or the signal's
 * deadline (see createDeadline) ran out, so resolvers always get a typed failure in time.
 */
export function withResilience(upstream: Upstream, parts: ResilienceParts): Upstream {
  const wrap = <F extends Call>(operation: string, call: F, plane: 'control' | 'data' = 'control'): F => {
    const breaker = parts.breakers[plane];
    const failed = (err: unknown, signal: CallSignal | undefined): never => {
      if (err instanceof CircuitOpenError)
        throw unavailable(operation, 'AWS IoT is failing; the gateway paused calls to it. Retry later.');
      if (err instanceof BulkheadRejectedError)
        throw unavailable(operation, 'The gateway is busy; retry shortly.');
      if (signal !== undefined && abortCause(signal) === 'deadline')
        throw unavailable(operation, 'AWS IoT did not answer in time; retry later.');
      throw err;
    };
    return ((arg: never, signal?: CallSignal) =>
      parts.bulkhead
        .run(() => breaker.run(() => call(arg, signal), signal), signal)
        .catch((err: unknown) => failed(err, signal))) as F;
  };
  return {
    cancelJobExecution: wrap('CancelJobExecution', upstream.cancelJobExecution.bind(upstream)),
    deleteJobExecution: wrap('DeleteJobExecution', upstream.deleteJobExecution.bind(upstream)),
    updateJobExecution: wrap('UpdateJobExecution', upstream.updateJobExecution.bind(upstream), 'data'),
    describeJobExecution: wrap('DescribeJobExecution', upstream.describeJobExecution.bind(upstream)),
    getJobDocument: wrap('GetJobDocument', upstream.getJobDocument.bind(upstream)),
    describeJobExecutionAsDevice: wrap(
      'DescribeJobExecution',
      upstream.describeJobExecutionAsDevice.bind(upstream),
      'data',
    ),
    listJobExecutionsForJob: wrap('ListJobExecutionsForJob', upstream.listJobExecutionsForJob.bind(upstream)),
    listJobExecutionsForThing: wrap(
      'ListJobExecutionsForThing',
      upstream.listJobExecutionsForThing.bind(upstream),
    ),
    getPendingJobExecutions: wrap(
      'GetPendingJobExecutions',
      upstream.getPendingJobExecutions.bind(upstream),
      'data',
    ),
    listThingGroupsForThing: wrap('ListThingGroupsForThing', upstream.listThingGroupsForThing.bind(upstream)),
    describeJob: wrap('DescribeJob', upstream.describeJob.bind(upstream)),
    listJobs: wrap('ListJobs', upstream.listJobs.bind(upstream)),
    describeThing: wrap('DescribeThing', upstream.describeThing.bind(upstream)),
    dataPlaneEndpoint: () => upstream.dataPlaneEndpoint(),
    destroy: () => {
      parts.breakers.control.shutdown();
      parts.breakers.data.shutdown();
      upstream.destroy();
    },
  };
}
