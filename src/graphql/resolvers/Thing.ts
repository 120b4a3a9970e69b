import { encodeThingId } from '../../domain/ids.js';
import { invalidArguments, readField } from '../../errors/fieldFailure.js';
import { validatePage } from '../../validation/reads.js';
import type { ThingResolvers } from '../types.generated.js';
import { listedExecution, listScope, pageMembers, readConnection, statusFilter } from './connections.js';
import { describedThing, thingNotFound } from './lookups.js';

export const Thing: ThingResolvers = {
  id: (thing) => encodeThingId(thing.thingName),
  thingName: (thing) => thing.thingName,
  thingTypeName: async (thing, _args, ctx) => (await describedThing(ctx, thing)).thingTypeName,
  attributes: async (thing, _args, ctx) => (await describedThing(ctx, thing)).attributes,
  version: async (thing, _args, ctx) => (await describedThing(ctx, thing)).version,
  jobExecutions: async (thing, args, ctx) => {
    const scope = listScope('thing-executions', thing.thingName, args.status);
    const page = validatePage(args, scope);
    if (!page.ok) throw invalidArguments(page.fieldErrors);
    return readField(
      () =>
        readConnection(
          ctx,
          scope,
          page.value,
          (request, signal) =>
            ctx.upstream.listJobExecutionsForThing(
              { thingName: thing.thingName, ...statusFilter(args.status), ...pageMembers(request) },
              signal,
            ),
          listedExecution,
        ),
      { notFound: thingNotFound(thing.thingName) },
    );
  },
  // Data plane: what the device itself sees as pending; AWS does not paginate this list.
  pendingJobExecutions: (thing, _args, ctx) =>
    readField(
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
    ),
};
