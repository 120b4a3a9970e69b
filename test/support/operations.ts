// GraphQL documents shared by the end-to-end tests: every member of every result union, all fields.

const ERROR_FIELDS = `
  __typename
  ... on Error { message }
  ... on InvalidRequestError { retryable upstreamRequestId fieldErrors { path message } }
  ... on InvalidStateTransitionError { retryable upstreamRequestId currentState { status versionNumber statusDetails { key value } } }
  ... on ResourceNotFoundError { retryable upstreamRequestId jobId thingName }
  ... on ThrottlingError { retryable upstreamRequestId retryAfterSeconds }
  ... on ServiceUnavailableError { retryable upstreamRequestId }
`;

export const EXECUTION_FIELDS = `
  id jobId thingName status statusDetails { key value } forceCanceled
  queuedAt startedAt lastUpdatedAt executionNumber versionNumber approximateSecondsBeforeTimedOut
`;

export const CANCEL = `
  mutation Cancel($input: CancelJobExecutionInput!) {
    cancelJobExecution(input: $input) {
      ${ERROR_FIELDS}
      ... on VersionConflictError { retryable upstreamRequestId expectedVersion currentState { status versionNumber } }
      ... on CancelJobExecutionSuccess { jobId thingName execution { ${EXECUTION_FIELDS} } }
    }
  }
`;

/** Cancel without selecting the execution: no read-back should happen. */
export const CANCEL_LEAN = `
  mutation CancelLean($input: CancelJobExecutionInput!) {
    cancelJobExecution(input: $input) { __typename ... on CancelJobExecutionSuccess { jobId thingName } }
  }
`;

export const DELETE = `
  mutation Delete($input: DeleteJobExecutionInput!) {
    deleteJobExecution(input: $input) {
      ${ERROR_FIELDS}
      ... on DeleteJobExecutionSuccess { deletedId jobId thingName executionNumber }
    }
  }
`;

export const UPDATE = `
  mutation Update($input: UpdateJobExecutionInput!) {
    updateJobExecution(input: $input) {
      ${ERROR_FIELDS}
      ... on VersionConflictError { retryable upstreamRequestId expectedVersion currentState { status versionNumber statusDetails { key value } } }
      ... on CertificateValidationError { retryable upstreamRequestId }
      ... on UpdateJobExecutionSuccess { executionState { status versionNumber statusDetails { key value } } jobDocument execution { ${EXECUTION_FIELDS} } }
    }
  }
`;

/** Update without selecting the execution: exactly one upstream call on success. */
export const UPDATE_LEAN = `
  mutation UpdateLean($input: UpdateJobExecutionInput!) {
    updateJobExecution(input: $input) { __typename ... on UpdateJobExecutionSuccess { executionState { status versionNumber } } ... on Error { message } }
  }
`;
