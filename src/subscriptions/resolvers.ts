// Subscription.jobExecutionChanged and Subscription.jobExecutionsChanged: a hub watcher per subscription,
// ordered per execution, with the caller's read right checked at subscribe time and for every event.
import { GraphQLError } from 'graphql';
import { executionRefKey as keyOf } from '../domain/commands.js';
import { isUpstreamError } from '../domain/failures.js';
import type { JobExecutionModel } from '../domain/models.js';
import { fieldErrorCodeOf } from '../errors/fieldFailure.js';
import type { GatewayContext } from '../context.js';
import type { SubscriptionResolvers } from '../graphql/types.generated.js';
import type { FieldErrorModel } from '../validation/mutations.js';
import { validateJobId, validateThingName } from '../validation/reads.js';
import { EventQueue } from './eventQueue.js';
import type { JobEventHub } from './hub.js';
import { renewLoaders, type SubscriptionContext } from './operationContext.js';
import { VersionGate } from './versionGate.js';

/** The extensions.code of a refused subscription: the caller may not read the thing. */
export const FORBIDDEN = 'FORBIDDEN';

const forbidden = () =>
  new GraphQLError('You are not allowed to read job executions of this thing.', {
    extensions: { code: FORBIDDEN },
  });

const badInput = (fieldErrors: FieldErrorModel[]) =>
  new GraphQLError('Invalid arguments.', { extensions: { code: 'BAD_USER_INPUT', fieldErrors } });

function subscriptionContext(ctx: GatewayContext): SubscriptionContext {
  if (typeof (ctx as Partial<SubscriptionContext>).mayRead !== 'function') {
    throw new GraphQLError('Subscriptions run over WebSocket (graphql-ws) only.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  return ctx as SubscriptionContext;
}

/** The read check at subscribe time; a failed lookup (thing groups unreadable) refuses, never allows. */
async function requireRead(ctx: SubscriptionContext, thingName: string): Promise<void> {
  let allowed: boolean;
  try {
    allowed = await ctx.mayRead(thingName);
  } catch (err) {
    const code = isUpstreamError(err) ? fieldErrorCodeOf(err.failure) : null;
    if (code)
      throw new GraphQLError('The authorization check could not be completed; retry later.', {
        extensions: { code },
      });
    throw err;
  }
  if (!allowed) throw forbidden();
}

/**
 * Runs each event through the gate and the read check one at a time, so asynchronous checks can never
 * reorder events. `onDenied` decides what a denied event does (skip it, or end the subscription).
 */
function orderedDelivery(
  ctx: SubscriptionContext,
  queue: EventQueue<JobExecutionModel>,
  gate: VersionGate,
  onDenied: () => void,
): (execution: JobExecutionModel) => void {
  let chain = Promise.resolve();
  return (execution) => {
    chain = chain.then(async () => {
      if (ctx.signal.aborted) return;
      const version = { executionNumber: execution.executionNumber, versionNumber: execution.versionNumber };
      let allowed: boolean;
      try {
        allowed = await ctx.mayRead(execution.thingName);
      } catch (err) {
        // Fail closed: this event is skipped; reconciliation delivers the state later if still allowed.
        ctx.log.warn({ err, thingName: execution.thingName }, 'read check failed; event skipped');
        return;
      }
      if (!allowed) onDenied();
      else if (gate.admit(keyOf(execution), version)) queue.push(execution);
    });
  };
}

export function subscriptionResolvers(hub: JobEventHub): SubscriptionResolvers {
  return {
    jobExecutionChanged: {
      subscribe: async (_root, args, gatewayCtx) => {
        const ctx = subscriptionContext(gatewayCtx);
        const checks = [validateThingName(args.thingName), validateJobId(args.jobId)];
        const after = args.after;
        if (
          after &&
          (!Number.isSafeInteger(after.executionNumber) ||
            after.executionNumber < 1 ||
            after.versionNumber < 0)
        ) {
          checks.push({
            ok: false,
            fieldErrors: [
              { path: ['after'], message: 'executionNumber must be 1 or more, versionNumber 0 or more' },
            ],
          });
        }
        const fieldErrors = checks.flatMap((c) => (c.ok ? [] : c.fieldErrors));
        if (fieldErrors.length > 0) throw badInput(fieldErrors);
        await requireRead(ctx, args.thingName);

        const ref = { jobId: args.jobId, thingName: args.thingName };
        const gate = new VersionGate(after ? { key: keyOf(ref), version: after } : undefined);
        let stop: () => void = () => undefined;
        const queue = new EventQueue<JobExecutionModel>({ keyOf, onEnd: () => stop() });
        const deliver = orderedDelivery(ctx, queue, gate, () => queue.fail(forbidden()));
        stop = hub.watchExecution(ref, deliver);
        ctx.signal.addEventListener('abort', () => void queue.return(), { once: true });
        // The current state first; changes that raced with this read are ordered by the gate.
        hub.current(ref).then(
          (execution) => execution && deliver(execution),
          (err: unknown) =>
            ctx.log.warn({ err, ...ref }, 'reading the current state failed; waiting for changes'),
        );
        return queue;
      },
      resolve: (execution: JobExecutionModel, _args: unknown, ctx: GatewayContext) => {
        renewLoaders(ctx);
        return execution;
      },
    },
    jobExecutionsChanged: {
      subscribe: async (_root, args, gatewayCtx) => {
        const ctx = subscriptionContext(gatewayCtx);
        const checked = validateJobId(args.jobId);
        if (!checked.ok) throw badInput(checked.fieldErrors);
        let stop: () => void = () => undefined;
        const queue = new EventQueue<JobExecutionModel>({ keyOf, onEnd: () => stop() });
        // Things the caller may not read are left out without a word: the stream looks the same.
        const deliver = orderedDelivery(ctx, queue, new VersionGate(), () => undefined);
        stop = hub.watchJob(args.jobId, deliver);
        ctx.signal.addEventListener('abort', () => void queue.return(), { once: true });
        return queue;
      },
      resolve: (execution: JobExecutionModel, _args: unknown, ctx: GatewayContext) => {
        renewLoaders(ctx);
        return execution;
      },
    },
  };
}
