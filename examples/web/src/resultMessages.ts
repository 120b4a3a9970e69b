// One plain message per member of the mutation result unions; members added to the schema after this
// build fall back to the message every Error carries.
import type { CancelExecutionMutation, UpdateExecutionMutation } from './gql/graphql';

export interface ResultMessage {
  tone: 'success' | 'error';
  title: string;
  detail: string;
}

type CancelResult = CancelExecutionMutation['cancelJobExecution'];
type UpdateResult = UpdateExecutionMutation['updateJobExecution'];
type ErrorMember =
  | Exclude<CancelResult, { __typename: 'CancelJobExecutionSuccess' }>
  | Exclude<UpdateResult, { __typename: 'UpdateJobExecutionSuccess' }>;

export function describeCancel(result: CancelResult): ResultMessage {
  if (result.__typename !== 'CancelJobExecutionSuccess') return describeError(result);
  const now = result.execution ? ` It is now ${result.execution.status}.` : '';
  return { tone: 'success', title: 'Canceled', detail: `${result.jobId} on ${result.thingName}.${now}` };
}

export function describeUpdate(result: UpdateResult): ResultMessage {
  if (result.__typename !== 'UpdateJobExecutionSuccess') return describeError(result);
  const execution = result.execution;
  const detail = execution
    ? `${execution.jobId} on ${execution.thingName} is now ${execution.status} (version ${execution.versionNumber ?? '?'}).`
    : 'The execution was updated.';
  return { tone: 'success', title: 'Updated', detail };
}

/** A GraphQL or network error (errors[], HTTP failure): the request itself failed. */
export function describeRequestFailure(error: unknown): ResultMessage {
  const message = error instanceof Error ? error.message : String(error);
  return { tone: 'error', title: 'Request failed', detail: message };
}

function describeError(error: ErrorMember): ResultMessage {
  const failed = (title: string, detail: string): ResultMessage => ({ tone: 'error', title, detail });
  switch (error.__typename) {
    case 'InvalidStateTransitionError':
      return failed(
        'Not allowed in its current state',
        withState(error.message, error.currentState && `It is ${error.currentState.status}.`),
      );
    case 'VersionConflictError':
      return failed(
        'Changed by someone else',
        withState(
          error.message,
          error.currentState &&
            `It is now ${error.currentState.status} at version ${error.currentState.versionNumber ?? '?'}; the list was reloaded, try again.`,
        ),
      );
    case 'InvalidRequestError':
      return failed(
        'Invalid input',
        error.fieldErrors.length > 0
          ? error.fieldErrors.map((f) => `${f.path.join('.')}: ${f.message}`).join('; ')
          : error.message,
      );
    case 'ResourceNotFoundError':
      return failed('Not found', error.message);
    case 'ThrottlingError':
      return failed(
        'Too many requests',
        withState(error.message, `Retry in ${error.retryAfterSeconds ?? 1} s.`),
      );
    case 'ServiceUnavailableError':
      return failed('AWS IoT is unavailable', error.message);
    case 'AccessDeniedError':
      return failed('Access denied', error.message);
    case 'CertificateValidationError':
      return failed('Device certificate refused', error.message);
  }
  // A member this build does not know yet: the Error interface still gives its message.
  return failed('Not done', (error as { message?: string }).message ?? 'The gateway refused the change.');
}

function withState(message: string, state: string | null | undefined): string {
  return state ? `${message} ${state}` : message;
}
