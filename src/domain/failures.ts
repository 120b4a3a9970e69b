import type { JobExecutionStateModel } from './models.js';

// Every way an upstream call can fail, as data. Produced only by src/upstream/errorMap.ts and
// turned into GraphQL union members only by src/errors/toGraphQL.ts.

interface FailureBase {
  /** Safe to show: never an AWS account id or ARN. */
  message: string;
  retryable: boolean;
  /** x-amzn-RequestId of the last attempt; null when no response came back. */
  upstreamRequestId: string | null;
  /** How many HTTP attempts the SDK made (its own retries included); 0 when unknown. */
  attempts: number;
}

export type UpstreamFailure =
  | (FailureBase & { kind: 'InvalidRequest' })
  | (FailureBase & { kind: 'ResourceNotFound' })
  | (FailureBase & { kind: 'Throttling'; retryAfterSeconds: number })
  | (FailureBase & { kind: 'ServiceUnavailable' })
  | (FailureBase & { kind: 'InvalidStateTransition'; executionState: JobExecutionStateModel | null })
  | (FailureBase & { kind: 'VersionConflict'; executionState: JobExecutionStateModel | null })
  | (FailureBase & { kind: 'CertificateValidation' })
  | (FailureBase & { kind: 'TerminalState' })
  | (FailureBase & { kind: 'Unexpected'; cause: unknown });

export type UpstreamFailureKind = UpstreamFailure['kind'];

/** What the upstream functions throw: the classified failure plus the operation that raised it. */
export class UpstreamError extends Error {
  constructor(
    readonly operation: string,
    readonly failure: UpstreamFailure,
  ) {
    super(
      `${operation} failed: ${failure.kind}`,
      failure.kind === 'Unexpected' ? { cause: failure.cause } : undefined,
    );
    this.name = 'UpstreamError';
  }
}

export function isUpstreamError(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError;
}
