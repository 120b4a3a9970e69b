// Wraps every upstream call in a bulkhead and a circuit breaker, and turns deadline aborts into typed failures.
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
  breaker: UpstreamBreaker;
  bulkhead: Bulkhead;
}

type Call = (arg: never, signal?: AbortSignal) => Promise<unknown>;

/**
 * The same Upstream, but each call waits for a bulkhead slot, goes through the breaker, and fails as
 * a retryable ServiceUnavailable when the breaker is open, the bulkhead is full or the signal's
 * deadline (see createDeadline) ran out, so resolvers always get a typed failure in time.
 */
export function withResilience(upstream: Upstream, parts: ResilienceParts): Upstream {
  const wrap = <F extends Call>(operation: string, call: F): F =>
    (async (arg: never, signal?: AbortSignal) => {
      try {
        return await parts.bulkhead.run(() => parts.breaker.run(() => call(arg, signal), signal), signal);
      } catch (err) {
        if (err instanceof CircuitOpenError) throw unavailable(operation, 'AWS IoT is failing; the gateway paused calls to it. Retry later.');
        if (err instanceof BulkheadRejectedError) throw unavailable(operation, 'The gateway is busy; retry shortly.');
        if (signal?.aborted && isTimeout(signal.reason)) throw unavailable(operation, 'AWS IoT did not answer in time; retry later.');
        throw err;
      }
    }) as F;
  return {
    cancelJobExecution: wrap('CancelJobExecution', upstream.cancelJobExecution),
    deleteJobExecution: wrap('DeleteJobExecution', upstream.deleteJobExecution),
    updateJobExecution: wrap('UpdateJobExecution', upstream.updateJobExecution),
    describeJobExecution: wrap('DescribeJobExecution', upstream.describeJobExecution),
    getJobDocument: wrap('GetJobDocument', upstream.getJobDocument),
    describeJobExecutionAsDevice: wrap('DescribeJobExecution', upstream.describeJobExecutionAsDevice),
    listJobExecutionsForJob: wrap('ListJobExecutionsForJob', upstream.listJobExecutionsForJob),
    listJobExecutionsForThing: wrap('ListJobExecutionsForThing', upstream.listJobExecutionsForThing),
    getPendingJobExecutions: wrap('GetPendingJobExecutions', upstream.getPendingJobExecutions),
    dataPlaneEndpoint: () => upstream.dataPlaneEndpoint(),
    destroy: () => {
      parts.breaker.shutdown();
      upstream.destroy();
    },
  };
}

function isTimeout(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError';
}
