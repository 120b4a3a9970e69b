import { invalidInput } from '../../../errors/toGraphQL.js';
import { lookupFailureToGraphQL } from '../../../errors/readResults.js';
import { deniedLookup, mayReadJobs } from '../../../security/readAccess.js';
import { validateJobId } from '../../../validation/reads.js';
import type { QueryResolvers } from '../../types.generated.js';
import { jobNotFound } from '../lookups.js';

export const job: NonNullable<QueryResolvers['job']> = async (_parent, args, ctx) => {
  const checked = validateJobId(args.id, ['id']);
  if (!checked.ok) return invalidInput(checked.fieldErrors);
  const jobId = checked.value;
  const target = { jobId, thingName: '', notFoundMessage: jobNotFound(jobId) };
  if (!mayReadJobs(ctx)) return deniedLookup(target);
  try {
    return { __typename: 'Job', jobId, described: await ctx.loaders.job.load(jobId) };
  } catch (error) {
    // ResourceNotFoundError is shared with executions; no thing was looked up here.
    return lookupFailureToGraphQL(error, target);
  }
};
