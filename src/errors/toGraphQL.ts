import type { UpstreamError } from '../domain/failures.js';
import type { JobExecutionStateModel } from '../domain/models.js';
import { UnreachableCaseError } from '../domain/unreachable.js';
import type { ResolversParentTypes, ResolversUnionTypes } from '../graphql/types.generated.js';
import type { FieldErrorModel } from '../validation/mutations.js';
import { common, invalidRequest, throttled, unavailable, type Failure, type Member } from './members.js';

// UpstreamFailure → the GraphQL union members each mutation may return. Kinds an operation cannot
// raise per the AWS model are rethrown, so they surface as one masked "Unexpected error".

type Results = ResolversUnionTypes<ResolversParentTypes>;
// AccessDeniedError comes from the security layer before any upstream call, never from a failure.
type ErrorsOf<U> = Exclude<U, { __typename: `${string}Success` } | { __typename: 'AccessDeniedError' }>;

export type CancelErrorMember = ErrorsOf<Results['CancelJobExecutionResult']>;
export type DeleteErrorMember = ErrorsOf<Results['DeleteJobExecutionResult']>;
export type UpdateErrorMember = ErrorsOf<Results['UpdateJobExecutionResult']>;

/** What the resolver knows beyond the failure itself. */
export interface FailureContext {
  jobId: string;
  thingName: string;
  expectedVersion?: number;
  /** From the error body or a follow-up describe; null when neither was available. */
  currentState: JobExecutionStateModel | null;
}

/** The gateway's own validation failed: nothing was sent to AWS. */
export function invalidInput(fieldErrors: FieldErrorModel[]): Member<'InvalidRequestError'> {
  const paths = fieldErrors.map((e) => e.path.join('.'));
  return {
    __typename: 'InvalidRequestError',
    message: `Invalid input: ${[...new Set(paths)].join(', ')}.`,
    retryable: false,
    upstreamRequestId: null,
    fieldErrors,
  };
}

const notFound = (f: Failure<'ResourceNotFound'>, c: FailureContext): Member<'ResourceNotFoundError'> => ({
  __typename: 'ResourceNotFoundError',
  ...common(f),
  message: `No job execution of job "${c.jobId}" on thing "${c.thingName}" was found.`,
  jobId: c.jobId,
  thingName: c.thingName,
});

const invalidTransition = (
  f: Failure<'InvalidStateTransition'>,
  c: FailureContext,
): Member<'InvalidStateTransitionError'> => ({
  __typename: 'InvalidStateTransitionError',
  ...common(f),
  message: c.currentState
    ? `The job execution is ${c.currentState.status}, which does not allow this change.`
    : f.message,
  currentState: c.currentState,
});

const versionConflict = (
  f: Failure<'VersionConflict'>,
  c: FailureContext,
): Member<'VersionConflictError'> => ({
  __typename: 'VersionConflictError',
  ...common(f),
  message:
    c.expectedVersion !== undefined && c.currentState?.versionNumber != null
      ? `expectedVersion ${c.expectedVersion} does not match the current version ${c.currentState.versionNumber}.`
      : f.message,
  expectedVersion: c.expectedVersion ?? null,
  currentState: c.currentState,
});

const certificate = (f: Failure<'CertificateValidation'>): Member<'CertificateValidationError'> => ({
  __typename: 'CertificateValidationError',
  ...common(f),
});

/** CancelJobExecution: InvalidRequest, InvalidStateTransition, ResourceNotFound, Throttling, ServiceUnavailable, VersionConflict. */
export function cancelFailureToGraphQL(error: UpstreamError, c: FailureContext): CancelErrorMember {
  const f = error.failure;
  switch (f.kind) {
    case 'InvalidRequest':
      return invalidRequest(f);
    case 'InvalidStateTransition':
      return invalidTransition(f, c);
    case 'ResourceNotFound':
      return notFound(f, c);
    case 'Throttling':
      return throttled(f);
    case 'ServiceUnavailable':
      return unavailable(f);
    case 'VersionConflict':
      return versionConflict(f, c);
    case 'CertificateValidation':
    case 'TerminalState':
    case 'Unexpected':
      throw error;
    default:
      throw new UnreachableCaseError(f);
  }
}

/** DeleteJobExecution: InvalidRequest, InvalidStateTransition, ResourceNotFound, Throttling, ServiceUnavailable. */
export function deleteFailureToGraphQL(error: UpstreamError, c: FailureContext): DeleteErrorMember {
  const f = error.failure;
  switch (f.kind) {
    case 'InvalidRequest':
      return invalidRequest(f);
    case 'InvalidStateTransition':
      return invalidTransition(f, c);
    case 'ResourceNotFound':
      return notFound(f, c);
    case 'Throttling':
      return throttled(f);
    case 'ServiceUnavailable':
      return unavailable(f);
    case 'VersionConflict':
    case 'CertificateValidation':
    case 'TerminalState':
    case 'Unexpected':
      throw error;
    default:
      throw new UnreachableCaseError(f);
  }
}

/** UpdateJobExecution (data plane): the modeled five plus VersionConflict (an unmodeled 409, reference §5.3). */
export function updateFailureToGraphQL(error: UpstreamError, c: FailureContext): UpdateErrorMember {
  const f = error.failure;
  switch (f.kind) {
    case 'InvalidRequest':
      return invalidRequest(f);
    case 'ResourceNotFound':
      return notFound(f, c);
    case 'Throttling':
      return throttled(f);
    case 'ServiceUnavailable':
      return unavailable(f);
    case 'CertificateValidation':
      return certificate(f);
    case 'InvalidStateTransition':
      return invalidTransition(f, c);
    case 'VersionConflict':
      return versionConflict(f, c);
    case 'TerminalState':
    case 'Unexpected':
      throw error;
    default:
      throw new UnreachableCaseError(f);
  }
}
