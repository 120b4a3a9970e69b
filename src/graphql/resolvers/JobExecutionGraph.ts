import { parseJobDocument } from '../../domain/jobDocument.js';
import { isListedExecution } from '../../domain/reads.js';
import type { JobExecutionResolvers } from '../types.generated.js';
import { selectsDescribedJob } from './Job.js';
import { describedJob, fullExecution, jobDocumentText } from './lookups.js';

/**
 * JobExecution fields beyond the core ones. A list row lacks statusDetails, forceCanceled, the timer
 * and (control plane) versionNumber: those are described lazily, only when selected, so an execution
 * reads the same whether it came from a list or from a describe.
 */
export const JobExecutionGraph: JobExecutionResolvers = {
  statusDetails: async (execution, _args, ctx) => (await fullExecution(ctx, execution)).statusDetails,
  forceCanceled: async (execution, _args, ctx) => (await fullExecution(ctx, execution)).forceCanceled,
  approximateSecondsBeforeTimedOut: async (execution, _args, ctx) =>
    (await fullExecution(ctx, execution)).approximateSecondsBeforeTimedOut,
  versionNumber: async (execution, _args, ctx) =>
    isListedExecution(execution) && execution.versionNumber === null
      ? (await fullExecution(ctx, execution)).versionNumber
      : execution.versionNumber,
  job: (execution, _args, ctx, info) => {
    const job = { jobId: execution.jobId };
    if (!selectsDescribedJob(info, ctx, job.jobId)) return job;
    // One DescribeJob per row, shared by the fields, which then answer without a promise each. On a
    // failure they read it again from the loader's cache and each reports it, as without this.
    return describedJob(ctx, job).then(
      (described) => ({ ...job, described }),
      () => job,
    );
  },
  thing: (execution) => ({ thingName: execution.thingName }),
  jobDocument: async (execution, _args, ctx) => parseJobDocument(await jobDocumentText(ctx, execution.jobId)),
  jobDocumentRaw: (execution, _args, ctx) => jobDocumentText(ctx, execution.jobId),
};
