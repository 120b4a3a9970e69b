import type { GraphQLError, GraphQLFormattedError } from 'graphql';

// Unexpected failures reach clients as one opaque error; src/http/plugins/errorLogging.ts logs the cause once.

export const UNEXPECTED_MESSAGE = 'Unexpected error';

// Errors about the request itself: safe and useful for the caller, so they are kept as they are.
const CLIENT_ERROR_CODES: ReadonlySet<unknown> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export function isClientError(error: GraphQLError | GraphQLFormattedError): boolean {
  return CLIENT_ERROR_CODES.has(error.extensions?.code);
}

/** Apollo `formatError`: keeps request errors (without stack traces), masks everything else. */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isClientError(formatted)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: UNEXPECTED_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
