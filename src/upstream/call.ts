import { UpstreamError } from '../domain/failures.js';
import { toUpstreamFailure } from './errorMap.js';

/** Runs one SDK call and turns whatever it throws into an UpstreamError with a classified failure. */
export async function callUpstream<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw new UpstreamError(operation, toUpstreamFailure(error));
  }
}

/** The AWS request id a successful SDK answer carries in its metadata. */
export function receiptOf(output: { $metadata?: { requestId?: string } }): {
  upstreamRequestId: string | null;
} {
  return { upstreamRequestId: output.$metadata?.requestId ?? null };
}

/** A 200 answer without the resource: reported like AWS's own not-found. */
export function missingResource(operation: string, message: string): UpstreamError {
  return new UpstreamError(operation, {
    kind: 'ResourceNotFound',
    message,
    retryable: false,
    upstreamRequestId: null,
    attempts: 1,
  });
}
