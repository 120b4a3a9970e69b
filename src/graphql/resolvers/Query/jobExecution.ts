import { invalidInput } from '../../../errors/toGraphQL.js';
import { lookupFailureToGraphQL } from '../../../errors/readResults.js';
import { validateExecutionLookup } from '../../../validation/reads.js';
import type { QueryResolvers } from '../../types.generated.js';
import { executionNotFound } from '../lookups.js';

export const jobExecution: NonNullable<QueryResolvers['jobExecution']> = async (_parent, args, ctx) => {
  const checked = validateExecutionLookup(args);
  if (!checked.ok) return invalidInput(checked.fieldErrors);
  const query = checked.value;
  try {
    const execution = await ctx.loaders.jobExecution.load(query);
    return { __typename: 'JobExecution', ...execution };
  } catch (error) {
    return lookupFailureToGraphQL(error, {
      jobId: query.jobId,
      thingName: query.thingName,
      notFoundMessage: executionNotFound(query.jobId, query.thingName),
    });
  }
};
