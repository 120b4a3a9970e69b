import { invalidInput } from '../../../errors/toGraphQL.js';
import { listFailureToGraphQL } from '../../../errors/readResults.js';
import { validatePage } from '../../../validation/reads.js';
import type { QueryResolvers } from '../../types.generated.js';
import { mayReadJobs } from '../../../security/readAccess.js';
import { emptyConnection, listScope, pageMembers, readConnection } from '../connections.js';

export const jobs: NonNullable<QueryResolvers['jobs']> = async (_parent, args, ctx) => {
  const scope = listScope('jobs', args.status);
  const page = validatePage(args, scope);
  if (!page.ok) return invalidInput(page.fieldErrors);
  // A list shows only what the caller may see: without readJobs that is nothing, and AWS is not asked.
  if (!mayReadJobs(ctx)) return { __typename: 'JobConnection', ...emptyConnection(page.value) };
  try {
    const connection = await readConnection(
      ctx,
      scope,
      page.value,
      (request, signal) =>
        ctx.upstream.listJobs(
          { ...(args.status ? { status: args.status } : {}), ...pageMembers(request) },
          signal,
        ),
      (summary) => {
        ctx.loaders.primeJobSummary(summary);
        return { jobId: summary.jobId, summary };
      },
    );
    return { __typename: 'JobConnection', ...connection };
  } catch (error) {
    return listFailureToGraphQL(error);
  }
};
