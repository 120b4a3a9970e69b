import type { JobModel, JobSummaryModel } from '../../domain/reads.js';
import { encodeJobId } from '../../domain/ids.js';
import { parseJobDocument } from '../../domain/jobDocument.js';
import { invalidArguments, readField } from '../../errors/fieldFailure.js';
import { validatePage } from '../../validation/reads.js';
import type { JobResolvers, ResolversParentTypes } from '../types.generated.js';
import type { GatewayContext } from '../../context.js';
import { mayReadThing } from '../../security/readAccess.js';
import { listScope, pageMembers, statusFilter } from './connections.js';
import { describedJob, jobDocumentText, jobNotFound } from './lookups.js';
import { readExecutionConnection } from './jobLookahead.js';

type JobParent = ResolversParentTypes['Job'];

/** A field a ListJobs row of this request already has; otherwise it is read with DescribeJob. */
function summaryField<K extends keyof JobSummaryModel>(
  ctx: GatewayContext,
  job: JobParent,
  key: K,
): JobSummaryModel[K] | Promise<JobSummaryModel[K]> {
  const known = job.described ?? job.summary ?? ctx.loaders.jobSummary(job.jobId);
  return known ? known[key] : describedJob(ctx, job).then((described) => described[key]);
}

function executionCounts({ executionCounts: counts }: JobModel) {
  return {
    queued: counts.QUEUED,
    inProgress: counts.IN_PROGRESS,
    succeeded: counts.SUCCEEDED,
    failed: counts.FAILED,
    timedOut: counts.TIMED_OUT,
    rejected: counts.REJECTED,
    removed: counts.REMOVED,
    canceled: counts.CANCELED,
  };
}

export const Job: JobResolvers = {
  id: (job) => encodeJobId(job.jobId),
  jobId: (job) => job.jobId,
  status: (job, _args, ctx) => summaryField(ctx, job, 'status'),
  targetSelection: (job, _args, ctx) => summaryField(ctx, job, 'targetSelection'),
  createdAt: (job, _args, ctx) => summaryField(ctx, job, 'createdAt'),
  lastUpdatedAt: (job, _args, ctx) => summaryField(ctx, job, 'lastUpdatedAt'),
  completedAt: (job, _args, ctx) => summaryField(ctx, job, 'completedAt'),
  description: (job, _args, ctx) =>
    job.described
      ? job.described.description
      : describedJob(ctx, job).then((described) => described.description),
  executionCounts: (job, _args, ctx) =>
    job.described
      ? executionCounts(job.described)
      : describedJob(ctx, job).then((described) => executionCounts(described)),
  document: async (job, _args, ctx) => parseJobDocument(await jobDocumentText(ctx, job.jobId)),
  documentRaw: (job, _args, ctx) => jobDocumentText(ctx, job.jobId),
  executions: async (job, args, ctx, info) => {
    const scope = listScope('job-executions', job.jobId, args.status);
    const page = validatePage(args, scope);
    if (!page.ok) throw invalidArguments(page.fieldErrors);
    return readField(
      () =>
        readExecutionConnection(
          ctx,
          info,
          scope,
          page.value,
          (request, signal) =>
            ctx.upstream.listJobExecutionsForJob(
              { jobId: job.jobId, ...statusFilter(args.status), ...pageMembers(request) },
              signal,
            ),
          // The job spans things: only executions on things the caller may read are shown.
          (row) => mayReadThing(ctx, row.thingName),
        ),
      { notFound: jobNotFound(job.jobId) },
    );
  },
};
