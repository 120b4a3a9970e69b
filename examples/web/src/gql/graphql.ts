/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Input of cancelJobExecution: the members of AWS CancelJobExecution. */
export type CancelJobExecutionInput = {
  /** Optimistic lock: fail with VersionConflictError unless the execution has this versionNumber (>= 0). */
  expectedVersion?: number | null | undefined;
  /** Also cancel an IN_PROGRESS execution (the device then cannot update it); default false: QUEUED only. */
  force?: boolean | null | undefined;
  /** The job id: 1-64 characters of [a-zA-Z0-9_-]. */
  jobId: string;
  /** Replace the execution's statusDetails (at most 10 pairs); omitted leaves them unchanged. */
  statusDetails?: Array<StatusDetailInput> | null | undefined;
  /** The thing name: 1-128 characters of [a-zA-Z0-9:_-]. */
  thingName: string;
};

/** The state of one job execution (one job on one thing), identical in both AWS planes. */
export type JobExecutionStatus =
  /** An operator canceled the execution (terminal). */
  | 'CANCELED'
  /** The device reported failure (terminal; may be retried by the job's retry config). */
  | 'FAILED'
  /** The device reported that it started; the only non-terminal state besides QUEUED. */
  | 'IN_PROGRESS'
  /** Waiting for the device to start it. */
  | 'QUEUED'
  /** The device refused the job (terminal). */
  | 'REJECTED'
  /** The thing stopped being a target of the job (terminal). */
  | 'REMOVED'
  /** The device reported success (terminal). */
  | 'SUCCEEDED'
  /** The in-progress or step timer expired (terminal). */
  | 'TIMED_OUT';

/** One name/value pair to store in an execution's statusDetails (at most 10 pairs, keys unique). */
export type StatusDetailInput = {
  /** The detail's name: 1-128 characters of [a-zA-Z0-9:_-]. */
  key: string;
  /** The detail's value: 1-1024 characters, no control or format characters. */
  value: string;
};

/** Input of updateJobExecution: the members of AWS UpdateJobExecution (data plane, acting as the device). */
export type UpdateJobExecutionInput = {
  /** Which execution to update (>= 1); omitted means the latest. */
  executionNumber?: number | null | undefined;
  /** Optimistic lock: fail with VersionConflictError unless the execution has this versionNumber (>= 0). */
  expectedVersion?: number | null | undefined;
  /** Return jobDocument in the success payload; default false. */
  includeJobDocument?: boolean | null | undefined;
  /** Return executionState in the success payload; default false. */
  includeJobExecutionState?: boolean | null | undefined;
  /** The job id: 1-64 characters of [a-zA-Z0-9_-]. */
  jobId: string;
  /** The new status; a device may only set IN_PROGRESS, SUCCEEDED, FAILED or REJECTED. */
  status: JobExecutionStatus;
  /** Replace the execution's statusDetails (at most 10 pairs); omitted leaves them unchanged. */
  statusDetails?: Array<StatusDetailInput> | null | undefined;
  /** New step timer in minutes (1-10080), or -1 to clear it; omitted leaves it unchanged. */
  stepTimeoutInMinutes?: number | null | undefined;
  /** The thing name: 1-128 characters of [a-zA-Z0-9:_-]. */
  thingName: string;
};

export type ThingExecutionsQueryVariables = Exact<{
  thingName: string;
}>;


export type ThingExecutionsQuery = { thing: { id: string, thingName: string, jobExecutions: { edges: Array<{ cursor: string, node: { id: string, jobId: string, thingName: string, status: JobExecutionStatus, versionNumber: number | null, statusDetails: Array<{ key: string, value: string }> } | null }> } | null } | null };

export type CancelExecutionMutationVariables = Exact<{
  input: CancelJobExecutionInput;
}>;


export type CancelExecutionMutation = { cancelJobExecution:
    | { __typename: 'AccessDeniedError', message: string }
    | { __typename: 'CancelJobExecutionSuccess', jobId: string, thingName: string, execution: { id: string, status: JobExecutionStatus, versionNumber: number | null, statusDetails: Array<{ key: string, value: string }> } | null }
    | { __typename: 'InvalidRequestError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'InvalidStateTransitionError', message: string, currentState: { status: JobExecutionStatus } | null }
    | { __typename: 'ResourceNotFoundError', message: string }
    | { __typename: 'ServiceUnavailableError', message: string }
    | { __typename: 'ThrottlingError', message: string, retryAfterSeconds: number | null }
    | { __typename: 'VersionConflictError', message: string, expectedVersion: number | null, currentState: { status: JobExecutionStatus, versionNumber: number | null } | null }
   };

export type UpdateExecutionMutationVariables = Exact<{
  input: UpdateJobExecutionInput;
}>;


export type UpdateExecutionMutation = { updateJobExecution:
    | { __typename: 'AccessDeniedError', message: string }
    | { __typename: 'CertificateValidationError', message: string }
    | { __typename: 'InvalidRequestError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'InvalidStateTransitionError', message: string, currentState: { status: JobExecutionStatus } | null }
    | { __typename: 'ResourceNotFoundError', message: string }
    | { __typename: 'ServiceUnavailableError', message: string }
    | { __typename: 'ThrottlingError', message: string, retryAfterSeconds: number | null }
    | { __typename: 'UpdateJobExecutionSuccess', execution: { id: string, jobId: string, thingName: string, status: JobExecutionStatus, versionNumber: number | null, statusDetails: Array<{ key: string, value: string }> } | null }
    | { __typename: 'VersionConflictError', message: string, expectedVersion: number | null, currentState: { status: JobExecutionStatus, versionNumber: number | null } | null }
   };


export const ThingExecutionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ThingExecutions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"thingName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"thing"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"thingName"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"thingName"}},{"kind":"Field","name":{"kind":"Name","value":"jobExecutions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"thingName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"versionNumber"}},{"kind":"Field","name":{"kind":"Name","value":"statusDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ThingExecutionsQuery, ThingExecutionsQueryVariables>;
export const CancelExecutionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelExecution"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelJobExecutionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelJobExecution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CancelJobExecutionSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"thingName"}},{"kind":"Field","name":{"kind":"Name","value":"execution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"versionNumber"}},{"kind":"Field","name":{"kind":"Name","value":"statusDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidStateTransitionError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VersionConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"currentState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"versionNumber"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRequestError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ThrottlingError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]}}]} as unknown as DocumentNode<CancelExecutionMutation, CancelExecutionMutationVariables>;
export const UpdateExecutionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateExecution"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateJobExecutionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateJobExecution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateJobExecutionSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"execution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"jobId"}},{"kind":"Field","name":{"kind":"Name","value":"thingName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"versionNumber"}},{"kind":"Field","name":{"kind":"Name","value":"statusDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidStateTransitionError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VersionConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"currentState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"versionNumber"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidRequestError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ThrottlingError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateExecutionMutation, UpdateExecutionMutationVariables>;