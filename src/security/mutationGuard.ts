// Wraps each mutation resolver: rate limit, authorization, idempotency replay and one audit line, in that order.
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { AuditRecord } from './audit.js';
import { fingerprintOf, type IdempotencyBegin } from './idempotency.js';
import type { AuthorizationRequest, RequestedAction } from './policy.js';

/** The guarded mutations and what each one does to which thing. */
export type GuardedMutation = 'cancelJobExecution' | 'deleteJobExecution' | 'updateJobExecution';

const ACTIONS: Record<GuardedMutation, RequestedAction> = {
  cancelJobExecution: 'cancel',
  deleteJobExecution: 'delete',
  updateJobExecution: 'update',
};

/** Idempotency-Key reused with a different payload (IETF draft: 422). */
export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';
/** Idempotency-Key still in use by its first request (IETF draft: 409). */
export const IDEMPOTENCY_KEY_IN_USE = 'IDEMPOTENCY_KEY_IN_USE';

interface MutationInput {
  thingName?: unknown;
  jobId?: unknown;
  force?: unknown;
  executionNumber?: unknown;
  expectedVersion?: unknown;
}

/** The union members the guard can answer with, whatever the mutation. */
interface GuardOutcome {
  __typename: string;
  upstreamRequestId?: string | null;
  retryable?: boolean;
}

type Resolve = (
  parent: unknown,
  args: { input: MutationInput },
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
) => unknown;

const accessDenied = () => ({
  __typename: 'AccessDeniedError',
  message: 'You are not allowed to perform this operation on this thing.',
  retryable: false,
  upstreamRequestId: null,
});

const throttled = (retryAfterSeconds: number, message: string) => ({
  __typename: 'ThrottlingError',
  message,
  retryable: true,
  upstreamRequestId: null,
  retryAfterSeconds,
});

const unavailable = (message: string) => ({
  __typename: 'ServiceUnavailableError',
  message,
  retryable: true,
  upstreamRequestId: null,
});

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Returns `resolvers` with every guarded mutation wrapped; the resolver types stay the same. */
export function guardMutations<R extends Partial<Record<GuardedMutation, unknown>>>(resolvers: R): R {
  const guarded: Record<string, unknown> = { ...resolvers };
  for (const name of Object.keys(ACTIONS) as GuardedMutation[]) {
    const resolve = resolvers[name];
    if (typeof resolve === 'function') guarded[name] = guard(name, resolve as Resolve);
  }
  return guarded as R;
}

function guard(name: GuardedMutation, resolve: Resolve): Resolve {
  return async (parent, args, ctx, info) => {
    const sec = ctx.security;
    const started = performance.now();
    const input = args.input;
    const target: AuthorizationRequest = {
      action: ACTIONS[name],
      thingName: str(input.thingName) ?? '',
      force: input.force === true,
    };
    const audit = (entry: Pick<AuditRecord, 'decision' | 'outcome'> & Partial<AuditRecord>): void =>
      sec.audit.record({
        requestId: ctx.requestId,
        caller: sec.caller,
        ip: sec.ip,
        userAgent: sec.userAgent,
        operation: name,
        thingName: target.thingName,
        jobId: str(input.jobId),
        executionNumber: num(input.executionNumber),
        force: target.force,
        expectedVersion: num(input.expectedVersion),
        idempotencyKey: sec.idempotencyKey,
        latencyMs: Math.round(performance.now() - started),
        ...entry,
      });

    // Charged before the policy check, so probing for permissions costs the caller too.
    const limit = await sec.rateLimiter.consume(sec.rateLimitKey, 'mutation');
    if (!limit.allowed) {
      const member =
        limit.reason === 'limit'
          ? throttled(
              limit.retryAfterSeconds,
              `Too many changes from this caller; retry after ${limit.retryAfterSeconds} s.`,
            )
          : throttled(
              limit.retryAfterSeconds,
              'The rate limiter is unavailable; changes are paused, retry shortly.',
            );
      audit({ decision: 'denied', reason: `rate limit: ${limit.reason}`, outcome: member.__typename });
      return member;
    }

    let decision;
    try {
      decision = await sec.authorizer.authorize(sec.caller, target);
    } catch (err) {
      ctx.log.warn({ err, thingName: target.thingName }, 'authorization lookup failed');
      const member = unavailable('Permissions could not be checked; retry later.');
      audit({ decision: 'denied', reason: 'authorization lookup failed', outcome: member.__typename });
      return member;
    }
    if (!decision.allowed) {
      audit({ decision: 'denied', reason: decision.reason, outcome: 'AccessDeniedError' });
      return accessDenied();
    }

    const run = async (): Promise<GuardOutcome> => (await resolve(parent, args, ctx, info)) as GuardOutcome;
    const allowed = (outcome: GuardOutcome, extra: Partial<AuditRecord> = {}): GuardOutcome => {
      audit({
        decision: 'allowed',
        rule: decision.rule,
        outcome: outcome.__typename,
        ...(outcome.upstreamRequestId ? { upstreamRequestId: outcome.upstreamRequestId } : {}),
        ...extra,
      });
      return outcome;
    };

    if (sec.idempotencyKey === undefined) return allowed(await run());

    let begin: IdempotencyBegin<GuardOutcome>;
    try {
      begin = await sec.idempotency.begin<GuardOutcome>(
        { callerSub: sec.caller.sub, operation: name, key: sec.idempotencyKey },
        fingerprintOf(input),
      );
    } catch (err) {
      // Without the record a retry could apply the change twice: refuse rather than guess.
      ctx.log.warn({ err }, 'idempotency store unavailable');
      const member = unavailable('Idempotency-Key could not be checked; retry later.');
      audit({
        decision: 'allowed',
        rule: decision.rule,
        reason: 'idempotency store unavailable',
        outcome: member.__typename,
      });
      return member;
    }
    switch (begin.kind) {
      case 'replay':
        return allowed(begin.outcome, { replayed: true });
      case 'mismatch':
        audit({ decision: 'allowed', rule: decision.rule, outcome: `error:${IDEMPOTENCY_KEY_REUSED}` });
        throw new GraphQLError('This Idempotency-Key was already used for a different request.', {
          extensions: { code: IDEMPOTENCY_KEY_REUSED, http: { status: 422 } },
        });
      case 'in_flight':
        audit({ decision: 'allowed', rule: decision.rule, outcome: `error:${IDEMPOTENCY_KEY_IN_USE}` });
        throw new GraphQLError('A request with this Idempotency-Key is still running; retry later.', {
          extensions: { code: IDEMPOTENCY_KEY_IN_USE, http: { status: 409 } },
        });
      case 'started': {
        let outcome: GuardOutcome;
        try {
          outcome = await run();
        } catch (err) {
          await begin.release().catch(() => undefined);
          throw err;
        }
        // Retryable outcomes (throttled, unavailable) may not have happened: let the same key try again.
        const settle = outcome.retryable === true ? begin.release() : begin.complete(outcome);
        await settle.catch((err: unknown) => ctx.log.warn({ err }, 'could not store the idempotent outcome'));
        return allowed(outcome);
      }
    }
  };
}
