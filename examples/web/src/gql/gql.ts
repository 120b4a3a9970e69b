/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ThingExecutions($thingName: String!) {\n    thing(name: $thingName) {\n      id\n      thingName\n      jobExecutions(first: 50) {\n        edges {\n          cursor\n          node {\n            id\n            jobId\n            thingName\n            status\n            versionNumber\n            statusDetails {\n              key\n              value\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ThingExecutionsDocument,
    "\n  mutation CancelExecution($input: CancelJobExecutionInput!) {\n    cancelJobExecution(input: $input) {\n      __typename\n      ... on Error {\n        message\n      }\n      ... on CancelJobExecutionSuccess {\n        jobId\n        thingName\n        execution {\n          id\n          status\n          versionNumber\n          statusDetails {\n            key\n            value\n          }\n        }\n      }\n      ... on InvalidStateTransitionError {\n        currentState {\n          status\n        }\n      }\n      ... on VersionConflictError {\n        expectedVersion\n        currentState {\n          status\n          versionNumber\n        }\n      }\n      ... on InvalidRequestError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ThrottlingError {\n        retryAfterSeconds\n      }\n    }\n  }\n": typeof types.CancelExecutionDocument,
    "\n  mutation UpdateExecution($input: UpdateJobExecutionInput!) {\n    updateJobExecution(input: $input) {\n      __typename\n      ... on Error {\n        message\n      }\n      ... on UpdateJobExecutionSuccess {\n        execution {\n          id\n          jobId\n          thingName\n          status\n          versionNumber\n          statusDetails {\n            key\n            value\n          }\n        }\n      }\n      ... on InvalidStateTransitionError {\n        currentState {\n          status\n        }\n      }\n      ... on VersionConflictError {\n        expectedVersion\n        currentState {\n          status\n          versionNumber\n        }\n      }\n      ... on InvalidRequestError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ThrottlingError {\n        retryAfterSeconds\n      }\n    }\n  }\n": typeof types.UpdateExecutionDocument,
};
const documents: Documents = {
    "\n  query ThingExecutions($thingName: String!) {\n    thing(name: $thingName) {\n      id\n      thingName\n      jobExecutions(first: 50) {\n        edges {\n          cursor\n          node {\n            id\n            jobId\n            thingName\n            status\n            versionNumber\n            statusDetails {\n              key\n              value\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ThingExecutionsDocument,
    "\n  mutation CancelExecution($input: CancelJobExecutionInput!) {\n    cancelJobExecution(input: $input) {\n      __typename\n      ... on Error {\n        message\n      }\n      ... on CancelJobExecutionSuccess {\n        jobId\n        thingName\n        execution {\n          id\n          status\n          versionNumber\n          statusDetails {\n            key\n            value\n          }\n        }\n      }\n      ... on InvalidStateTransitionError {\n        currentState {\n          status\n        }\n      }\n      ... on VersionConflictError {\n        expectedVersion\n        currentState {\n          status\n          versionNumber\n        }\n      }\n      ... on InvalidRequestError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ThrottlingError {\n        retryAfterSeconds\n      }\n    }\n  }\n": types.CancelExecutionDocument,
    "\n  mutation UpdateExecution($input: UpdateJobExecutionInput!) {\n    updateJobExecution(input: $input) {\n      __typename\n      ... on Error {\n        message\n      }\n      ... on UpdateJobExecutionSuccess {\n        execution {\n          id\n          jobId\n          thingName\n          status\n          versionNumber\n          statusDetails {\n            key\n            value\n          }\n        }\n      }\n      ... on InvalidStateTransitionError {\n        currentState {\n          status\n        }\n      }\n      ... on VersionConflictError {\n        expectedVersion\n        currentState {\n          status\n          versionNumber\n        }\n      }\n      ... on InvalidRequestError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ThrottlingError {\n        retryAfterSeconds\n      }\n    }\n  }\n": types.UpdateExecutionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ThingExecutions($thingName: String!) {\n    thing(name: $thingName) {\n      id\n      thingName\n      jobExecutions(first: 50) {\n        edges {\n          cursor\n          node {\n            id\n            jobId\n            thingName\n            status\n            versionNumber\n            statusDetails {\n              key\n              value\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ThingExecutions($thingName: String!) {\n    thing(name: $thingName) {\n      id\n      thingName\n      jobExecutions(first: 50) {\n        edges {\n          cursor\n          node {\n            id\n            jobId\n            thingName\n            status\n            versionNumber\n            statusDetails {\n              key\n              value\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelExecution($input: CancelJobExecutionInput!) {\n    cancelJobExecution(input: $input) {\n      __typename\n      ... on Error {\n        message\n      }\n      ... on CancelJobExecutionSuccess {\n        jobId\n        thingName\n        execution {\n          id\n          status\n          versionNumber\n          statusDetails {\n            key\n            value\n          }\n        }\n      }\n      ... on InvalidStateTransitionError {\n        currentState {\n          status\n        }\n      }\n      ... on VersionConflictError {\n        expectedVersion\n        currentState {\n          status\n          versionNumber\n        }\n      }\n      ... on InvalidRequestError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ThrottlingError {\n        retryAfterSeconds\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelExecution($input: CancelJobExecutionInput!) {\n    cancelJobExecution(input: $input) {\n      __typename\n      ... on Error {\n        message\n      }\n      ... on CancelJobExecutionSuccess {\n        jobId\n        thingName\n        execution {\n          id\n          status\n          versionNumber\n          statusDetails {\n            key\n            value\n          }\n        }\n      }\n      ... on InvalidStateTransitionError {\n        currentState {\n          status\n        }\n      }\n      ... on VersionConflictError {\n        expectedVersion\n        currentState {\n          status\n          versionNumber\n        }\n      }\n      ... on InvalidRequestError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ThrottlingError {\n        retryAfterSeconds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateExecution($input: UpdateJobExecutionInput!) {\n    updateJobExecution(input: $input) {\n      __typename\n      ... on Error {\n        message\n      }\n      ... on UpdateJobExecutionSuccess {\n        execution {\n          id\n          jobId\n          thingName\n          status\n          versionNumber\n          statusDetails {\n            key\n            value\n          }\n        }\n      }\n      ... on InvalidStateTransitionError {\n        currentState {\n          status\n        }\n      }\n      ... on VersionConflictError {\n        expectedVersion\n        currentState {\n          status\n          versionNumber\n        }\n      }\n      ... on InvalidRequestError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ThrottlingError {\n        retryAfterSeconds\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateExecution($input: UpdateJobExecutionInput!) {\n    updateJobExecution(input: $input) {\n      __typename\n      ... on Error {\n        message\n      }\n      ... on UpdateJobExecutionSuccess {\n        execution {\n          id\n          jobId\n          thingName\n          status\n          versionNumber\n          statusDetails {\n            key\n            value\n          }\n        }\n      }\n      ... on InvalidStateTransitionError {\n        currentState {\n          status\n        }\n      }\n      ... on VersionConflictError {\n        expectedVersion\n        currentState {\n          status\n          versionNumber\n        }\n      }\n      ... on InvalidRequestError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n      ... on ThrottlingError {\n        retryAfterSeconds\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;