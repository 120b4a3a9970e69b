import { isUpstreamError } from '../domain/failures.js';
import { UnreachableCaseError } from '../domain/unreachable.js';
import { common, invalidRequest, throttled, unavailable, type Member } from './members.js';

// UpstreamFailure → the error members of the read-side result unions (JobExecutionResult, JobResult,
// JobsResult). Kinds a read cannot raise per the AWS model are rethrown and masked.

export type ListErrorMember =
  Member<'InvalidRequestError'> | Member<'ThrottlingError'> | Member<'ServiceUnavailableError'>;

export type LookupErrorMember = ListErrorMember | Member<'ResourceNotFoundError'>;

/** What was looked up; ResourceNotFoundError reports it (thingName is empty for a job). */
export interface LookupTarget {
  jobId: string;
  thingName: string;
  notFoundMessage: string;
}

/** Errors of a list call (ListJobs): no not-found. */
export function listFailureToGraphQL(error: unknown): ListErrorMember {
  if (!isUpstreamError(error)) throw error;
  const f = error.failure;
  switch (f.kind) {
    case 'InvalidRequest':
      return invalidRequest(f);
    case 'Throttling':
      return throttled(f);
    case 'ServiceUnavailable':
      return unavailable(f);
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
