// Read authorization of the read side: which things' executions the caller may see, and whether it may
// look jobs up by themselves. Decided before any upstream call that could tell whether something exists.
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { LookupTarget } from '../errors/readResults.js';
import { readField, type FieldErrorCode } from '../errors/fieldFailure.js';
import type { RequestSecurity } from './requestSecurity.js';

// Kept on the request's security state, so a decision lives exactly as long as the request's
// authorizer (a property, not a WeakMap entry per request, which would cost every garbage collection).
const DECISIONS = Symbol('readDecisions');
type Deciding = RequestSecurity & { [DECISIONS]?: Map<string, Promise<boolean>> };

/** Whether the caller may read this thing (policy action `read`); decided once per thing and request. */
export function mayReadThing(ctx: GatewayContext, thingName: string): Promise<boolean> {
  const sec: Deciding = ctx.security;
  const decisions = (sec[DECISIONS] ??= new Map<string, Promise<boolean>>());
  let decision = decisions.get(thingName);
  if (!decision) {
    // A thing-group rule costs a ListThingGroupsForThing call: it shares the request's upstream budget.
    decision = ctx.loaders.limit(
      async () => (await sec.authorizer.authorize(sec.caller, { action: 'read', thingName })).allowed,
    );
    decisions.set(thingName, decision);
    // A failed group lookup must not poison later checks in the same request.
    decision.catch(() => decisions.delete(thingName));
  }
  return decision;
}

/** Whether the caller may look jobs up by themselves (`job`, `jobs`, `node` with a Job id): `readJobs`. */
export function mayReadJobs(ctx: GatewayContext): boolean {
  return ctx.security.authorizer.mayReadJobs(ctx.security.caller);
}

/**
 * The field error a nested read gets when the caller may not read the object: the same code and message
 * as a missing one, and no AWS request id, because no AWS call was made.
 */
export function deniedAsNotFound(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'NOT_FOUND' satisfies FieldErrorCode,
      retryable: false,
      upstreamRequestId: null,
    },
  });
}

/** Throws `deniedAsNotFound(notFound)` unless the caller may read the thing; a failed group lookup is a typed field error. */
export async function assertReadable(
  ctx: GatewayContext,
  thingName: string,
  notFound: string,
): Promise<void> {
  if (!(await readField(() => mayReadThing(ctx, thingName)))) throw deniedAsNotFound(notFound);
}

/** The ResourceNotFoundError member a root lookup answers when the caller may not read the object. */
export function deniedLookup(target: LookupTarget) {
  return {
    __typename: 'ResourceNotFoundError' as const,
    message: target.notFoundMessage,
    retryable: false,
    upstreamRequestId: null,
    jobId: target.jobId,
    thingName: target.thingName,
  };
}
