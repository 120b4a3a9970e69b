// Every GraphQL document of the app. Each union-typed field selects __typename and `... on Error { message }`,
// so an error member added to the schema later still reaches the user as a message.
import { graphql } from './gql';

export const ThingExecutions = graphql(`
  query ThingExecutions($thingName: String!) {
    thing(name: $thingName) {
      id
      thingName
      jobExecutions(first: 50) {
        edges {
          cursor
          node {
            id
            jobId
            thingName
            status
            versionNumber
            statusDetails {
              key
              value
            }
          }
        }
      }
    }
  }
`);

export const CancelExecution = graphql(`
  mutation CancelExecution($input: CancelJobExecutionInput!) {
    cancelJobExecution(input: $input) {
      __typename
      ... on Error {
        message
      }
      ... on CancelJobExecutionSuccess {
        jobId
        thingName
        execution {
          id
          status
          versionNumber
          statusDetails {
            key
            value
          }
        }
      }
      ... on InvalidStateTransitionError {
        currentState {
          status
        }
      }
      ... on VersionConflictError {
        expectedVersion
        currentState {
          status
          versionNumber
        }
      }
      ... on InvalidRequestError {
        fieldErrors {
          path
          message
        }
      }
      ... on ThrottlingError {
        retryAfterSeconds
      }
    }
  }
`);

export const UpdateExecution = graphql(`
  mutation UpdateExecution($input: UpdateJobExecutionInput!) {
    updateJobExecution(input: $input) {
      __typename
      ... on Error {
        message
      }
      ... on UpdateJobExecutionSuccess {
        execution {
          id
          jobId
          thingName
          status
          versionNumber
          statusDetails {
            key
            value
          }
        }
      }
      ... on InvalidStateTransitionError {
        currentState {
          status
        }
      }
      ... on VersionConflictError {
        expectedVersion
        currentState {
          status
          versionNumber
        }
      }
      ... on InvalidRequestError {
        fieldErrors {
          path
          message
        }
      }
      ... on ThrottlingError {
        retryAfterSeconds
      }
    }
  }
`);
