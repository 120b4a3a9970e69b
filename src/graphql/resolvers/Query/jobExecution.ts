import { invalidInput } from '../../../errors/toGraphQL.js';
import { deniedLookup, mayReadThing } from '../../../security/readAccess.js';
import { lookupFailureToGraphQL } from '../../../errors/readResults.js';
import { validateExecutionLookup } from '../../../validation/reads.js';
import type { QueryResolvers } from '../../types.generated.js';
import { executionNotFound } from '../lookups.js';

export const jobExecution: NonNullable<QueryResolvers['jobExecution']> = async (_parent, args, ctx) => {
  const checked = validateExecutionLookup(args);
  if (!checked.ok) return invalidInput(checked.fieldErrors);
  const query = checked.value;
  const target = {
    jobId: query.jobId,
    thingName: query.thingName,
    notFoundMessage: executionNotFound(query.jobId, query.thingName),
  };
  try {
    // Decided from the caller and the thing alone, so a denial says nothing about the execution.
    if (!(await mayReadThing(ctx, query.thingName))) return deniedLookup(target);
    const execution = await ctx.loaders.jobExecution.load(query);
    return { __typename: 'JobExecution', ...execution };
  } catch (error) {
    return lookupFailureToGraphQL(error, target);
  }
};
