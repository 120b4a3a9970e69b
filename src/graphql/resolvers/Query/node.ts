import type { GatewayContext } from '../../../context.js';
import { decodeNodeId, type NodeKey } from '../../../domain/ids.js';
import { UnreachableCaseError } from '../../../domain/unreachable.js';
import { invalidArguments, readField } from '../../../errors/fieldFailure.js';
import { validateExecutionLookup, validateJobId, validateThingName } from '../../../validation/reads.js';
import type { QueryResolvers, ResolversInterfaceTypes, ResolversParentTypes } from '../../types.generated.js';
import { assertReadable, deniedAsNotFound, mayReadJobs } from '../../../security/readAccess.js';
import { executionNotFound, jobNotFound, thingNotFound } from '../lookups.js';

type NodeParent = ResolversInterfaceTypes<ResolversParentTypes>['Node'];

const notIssued = () =>
  invalidArguments([{ path: ['id'], message: 'is not a Node id issued by this gateway' }]);

/** Refetches by global id; the object is read fresh so a missing one gives null + NOT_FOUND. */
export const node: NonNullable<QueryResolvers['node']> = async (_parent, args, ctx) => {
  const key = decodeNodeId(args.id);
  if (!key) throw notIssued();
  return load(ctx, key);
};

async function load(ctx: GatewayContext, key: NodeKey): Promise<NodeParent> {
  switch (key.type) {
    case 'JobExecution': {
      const checked = validateExecutionLookup(key);
      if (!checked.ok) throw notIssued();
      await assertReadable(ctx, key.thingName, executionNotFound(key.jobId, key.thingName));
      const execution = await readField(() => ctx.loaders.jobExecution.load(checked.value), {
        notFound: executionNotFound(key.jobId, key.thingName),
      });
      return { __typename: 'JobExecution', ...execution };
    }
    case 'Job': {
      if (!validateJobId(key.jobId).ok) throw notIssued();
      if (!mayReadJobs(ctx)) throw deniedAsNotFound(jobNotFound(key.jobId));
      const described = await readField(() => ctx.loaders.job.load(key.jobId), {
        notFound: jobNotFound(key.jobId),
      });
      return { __typename: 'Job', jobId: key.jobId, described };
    }
    case 'Thing': {
      if (!validateThingName(key.thingName).ok) throw notIssued();
      await assertReadable(ctx, key.thingName, thingNotFound(key.thingName));
      const described = await readField(() => ctx.loaders.thing.load(key.thingName), {
        notFound: thingNotFound(key.thingName),
      });
      return { __typename: 'Thing', thingName: key.thingName, described };
    }
    default:
      throw new UnreachableCaseError(key);
  }
}
