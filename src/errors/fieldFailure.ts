import { GraphQLError } from 'graphql';
import { isUpstreamError, type UpstreamFailure } from '../domain/failures.js';
import { UnreachableCaseError } from '../domain/unreachable.js';
import type { FieldErrorModel } from '../validation/mutations.js';

// Nested fields cannot return a result union: one that fails resolves to null plus an entry in
// errors[] carrying one of these codes. This is the ONE list of them (src/errors/format.ts keeps them).

export const FIELD_ERROR_CODES = [
  /** An argument broke a rule; extensions.fieldErrors lists each one. Nothing was sent to AWS. */
  'BAD_USER_INPUT',
  /** AWS says the job, thing or execution does not exist. */
  'NOT_FOUND',
  /** AWS rejected the call as invalid (e.g. an expired pagination token inside a cursor). */
  'UPSTREAM_INVALID_REQUEST',
  /** AWS throttled every attempt; extensions.retryAfterSeconds says how long to wait. */
  'UPSTREAM_THROTTLED',
  /** AWS or the network failed every attempt, or answered garbage. */
  'UPSTREAM_UNAVAILABLE',
  /** The data plane refused the device certificate. */
  'UPSTREAM_CERTIFICATE_REJECTED',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The code of a failure a read may meet; null for kinds a read cannot raise (they stay masked). */
export function fieldErrorCodeOf(failure: UpstreamFailure): FieldErrorCode | null {
  switch (failure.kind) {
    case 'InvalidRequest':
      return 'UPSTREAM_INVALID_REQUEST';
    case 'ResourceNotFound':
      return 'NOT_FOUND';
    case 'Throttling':
      return 'UPSTREAM_THROTTLED';
    case 'ServiceUnavailable':
      return 'UPSTREAM_UNAVAILABLE';
    case 'CertificateValidation':
      return 'UPSTREAM_CERTIFICATE_REJECTED';
    case 'InvalidStateTransition':
    case 'VersionConflict':
    case 'TerminalState':
    case 'Unexpected':
      return null;
    default:
      throw new UnreachableCaseError(failure);
  }
}

/** What was looked up, for a not-found message that names it (AWS's own says "job execution"). */
export interface ReadTarget {
  /** The message, or a function making it: list rows read many fields and rarely fail. */
  notFound?: string | (() => string);
}

/** A typed field error for an upstream failure; anything unclassified is rethrown and masked. */
function toFieldError(error: unknown, target: ReadTarget = {}): GraphQLError {
  if (!isUpstreamError(error)) throw error;
  const failure = error.failure;
  const code = fieldErrorCodeOf(failure);
  if (code === null) throw error;
  const notFound = typeof target.notFound === 'function' ? target.notFound() : target.notFound;
  const message = code === 'NOT_FOUND' && notFound ? notFound : failure.message;
  return new GraphQLError(message, {
    extensions: {
      code,
      retryable: failure.retryable,
      upstreamRequestId: failure.upstreamRequestId,
      ...(failure.kind === 'Throttling' ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
    },
  });
}

/** Runs a nested read: its upstream failures become typed field errors (null + errors[] entry). */
export function readField<T>(read: () => Promise<T>, target?: ReadTarget): Promise<T> {
  const failed = (error: unknown): never => {
    throw toFieldError(error, target);
  };
  let pending: Promise<T>;
  try {
    pending = read();
  } catch (error) {
    return Promise.resolve().then(() => failed(error));
  }
  // One derived promise per read (no async frame): a page of 100 rows makes hundreds of these.
  return pending.then(undefined, failed);
}

/** The gateway's own argument checks failed: nothing was sent to AWS. */
export function invalidArguments(fieldErrors: FieldErrorModel[]): GraphQLError {
  const paths = [...new Set(fieldErrors.map((e) => e.path.join('.')))];
  return new GraphQLError(`Invalid arguments: ${paths.join(', ')}.`, {
    extensions: { code: 'BAD_USER_INPUT' satisfies FieldErrorCode, fieldErrors },
  });
}
