import { encodeThingId } from '../../domain/ids.js';
import { invalidArguments, readField } from '../../errors/fieldFailure.js';
import type { GatewayContext } from '../../context.js';
import type { ThingParent } from '../../domain/reads.js';
import { assertReadable } from '../../security/readAccess.js';
import { validatePage } from '../../validation/reads.js';
import type { ThingResolvers } from '../types.generated.js';
import { listedExecution, listScope, pageMembers, statusFilter } from './connections.js';
import { readExecutionConnection } from './jobLookahead.js';
import { describedThing, thingNotFound } from './lookups.js';

// Every field that calls AWS checks `read` first (cached per request), wherever the Thing came from.
const readable = (ctx: GatewayContext, thing: ThingParent) =>
  assertReadable(ctx, thing.thingName, thingNotFound(thing.thingName));

async function described(ctx: GatewayContext, thing: ThingParent) {
  await readable(ctx, thing);
  return describedThing(ctx, thing);
}

export const Thing: ThingResolvers = {
  id: (thing) => encodeThingId(thing.thingName),
  thingName: (thing) => thing.thingName,
  thingTypeName: async (thing, _args, ctx) => (await described(ctx, thing)).thingTypeName,
  attributes: async (thing, _args, ctx) => (await described(ctx, thing)).attributes,
  version: async (thing, _args, ctx) => (await described(ctx, thing)).version,
  jobExecutions: async (thing, args, ctx, info) => {
    const scope = listScope('thing-executions', thing.thingName, args.status);
    const page = validatePage(args, scope);
    if (!page.ok) throw invalidArguments(page.fieldErrors);
    await readable(ctx, thing);
    return readField(
      () =>
        readExecutionConnection(ctx, info, scope, page.value, (request, signal) =>
          ctx.upstream.listJobExecutionsForThing(
            { thingName: thing.thingName, ...statusFilter(args.status), ...pageMembers(request) },
            signal,
          ),
        ),
      { notFound: thingNotFound(thing.thingName) },
    );
  },
  // Data plane: what the device itself sees as pending; AWS does not paginate this list.
  pendingJobExecutions: async (thing, _args, ctx) => {
    await readable(ctx, thing);
    return readField(
      async () => {
        const pending = await ctx.loaders.limit((signal) =>
          ctx.upstream.getPendingJobExecutions(thing.thingName, signal),
        );
        return {
          inProgress: pending.inProgress.map(listedExecution),
          queued: pending.queued.map(listedExecution),
        };
      },
      { notFound: thingNotFound(thing.thingName) },
    );
  },
};
