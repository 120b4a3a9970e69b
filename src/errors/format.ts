import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { IDEMPOTENCY_KEY_IN_USE, IDEMPOTENCY_KEY_REUSED } from '../security/mutationGuard.js';
import { FIELD_ERROR_CODES } from './fieldFailure.js';

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
  // Typed failures of nested read fields (null + this entry): expected outcomes, not bugs.
  ...FIELD_ERROR_CODES,
  // Idempotency-Key misuse (422 / 409), raised by the mutation guard inside the resolver.
  IDEMPOTENCY_KEY_REUSED,
  IDEMPOTENCY_KEY_IN_USE,
]);

export function isClientError(error: GraphQLError | GraphQLFormattedError): boolean {
  return CLIENT_ERROR_CODES.has(error.extensions?.code);
}

// Errors about the request itself that Apollo or a plugin raise with a 4xx status, outside any resolver
// (e.g. Apollo's codeless "provided sha does not match query"): the caller's mistake, so kept, with a code.
function requestRejectionCode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.path !== undefined) return undefined;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return typeof error.extensions.code === 'string' ? error.extensions.code : 'BAD_REQUEST';
}

/** Apollo `formatError`: keeps request errors (without stack traces), masks everything else. */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if (isClientError(formatted)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const rejection = requestRejectionCode(error);
  if (rejection !== undefined) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code: rejection } };
  }
  return {
    message: UNEXPECTED_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
