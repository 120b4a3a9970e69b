import { parseJobDocument } from '../../domain/jobDocument.js';
import { isListedExecution } from '../../domain/reads.js';
import type { JobExecutionResolvers } from '../types.generated.js';
import { selectsDescribedJob } from './jobLookahead.js';
import { describedJobParent, fullExecution, jobDocumentText } from './lookups.js';

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
  // When the selection needs DescribeJob, the job is described here, once per job and request, and
  // its fields answer without a promise each.
  job: (execution, _args, ctx, info) =>
    selectsDescribedJob(info, ctx, execution.jobId)
      ? describedJobParent(ctx, execution.jobId)
      : { jobId: execution.jobId },
  thing: (execution) => ({ thingName: execution.thingName }),
  jobDocument: async (execution, _args, ctx) => parseJobDocument(await jobDocumentText(ctx, execution.jobId)),
  jobDocumentRaw: (execution, _args, ctx) => jobDocumentText(ctx, execution.jobId),
};
