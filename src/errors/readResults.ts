import { isUpstreamError, type UpstreamFailure } from '../domain/failures.js';
import { UnreachableCaseError } from '../domain/unreachable.js';
import type { ResolversParentTypes } from '../graphql/types.generated.js';

// UpstreamFailure → the error members of the read-side result unions (JobExecutionResult, JobResult,
// JobsResult). Kinds a read cannot raise per the AWS model are rethrown and masked.

type Member<N extends keyof ResolversParentTypes> = ResolversParentTypes[N] & { __typename: N };

export type ListErrorMember =
  Member<'InvalidRequestError'> | Member<'ThrottlingError'> | Member<'ServiceUnavailableError'>;

export type LookupErrorMember = ListErrorMember | Member<'ResourceNotFoundError'>;

/** What was looked up; ResourceNotFoundError reports it (thingName is empty for a job). */
export interface LookupTarget {
  jobId: string;
  thingName: string;
  notFoundMessage: string;
}

const common = (f: UpstreamFailure) => ({
  message: f.message,
  retryable: f.retryable,
  upstreamRequestId: f.upstreamRequestId,
});

/** Errors of a list call (ListJobs): no not-found. */
export function listFailureToGraphQL(error: unknown): ListErrorMember {
  if (!isUpstreamError(error)) throw error;
  const f = error.failure;
  switch (f.kind) {
    case 'InvalidRequest':
      return { __typename: 'InvalidRequestError', ...common(f), fieldErrors: [] };
    case 'Throttling':
      return { __typename: 'ThrottlingError', ...common(f), retryAfterSeconds: f.retryAfterSeconds };
    case 'ServiceUnavailable':
      return { __typename: 'ServiceUnavailableError', ...common(f) };
    case 'ResourceNotFound':
    case 'InvalidStateTransition':
    case 'VersionConflict':
    case 'CertificateValidation':
    case 'TerminalState':
    case 'Unexpected':
      throw error;
    default:
      throw new UnreachableCaseError(f);
  }
}

/** Errors of a describe (DescribeJobExecution, DescribeJob): the list errors plus not-found. */
export function lookupFailureToGraphQL(error: unknown, target: LookupTarget): LookupErrorMember {
  if (isUpstreamError(error) && error.failure.kind === 'ResourceNotFound') {
    return {
      __typename: 'ResourceNotFoundError',
      ...common(error.failure),
      message: target.notFoundMessage,
      jobId: target.jobId,
      thingName: target.thingName,
    };
  }
  return listFailureToGraphQL(error);
}
