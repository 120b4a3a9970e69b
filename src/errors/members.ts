import type { UpstreamFailure } from '../domain/failures.js';
import type { ResolversParentTypes } from '../graphql/types.generated.js';

// The error members that reads (readResults.ts) and mutations (toGraphQL.ts) build the same way.

export type Member<N extends keyof ResolversParentTypes> = ResolversParentTypes[N] & { __typename: N };
export type Failure<K extends UpstreamFailure['kind']> = Extract<UpstreamFailure, { kind: K }>;

/** The fields every `Error` member carries straight from the failure. */
export const common = (f: UpstreamFailure) => ({
  message: f.message,
  retryable: f.retryable,
  upstreamRequestId: f.upstreamRequestId,
});

export const invalidRequest = (f: Failure<'InvalidRequest'>): Member<'InvalidRequestError'> => ({
  __typename: 'InvalidRequestError',
  ...common(f),
  fieldErrors: [],
});

export const throttled = (f: Failure<'Throttling'>): Member<'ThrottlingError'> => ({
  __typename: 'ThrottlingError',
  ...common(f),
  retryAfterSeconds: f.retryAfterSeconds,
});

export const unavailable = (f: Failure<'ServiceUnavailable'>): Member<'ServiceUnavailableError'> => ({
  __typename: 'ServiceUnavailableError',
  ...common(f),
});
