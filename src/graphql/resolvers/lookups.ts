import type { GatewayContext } from '../../context.js';
import type { JobExecutionModel } from '../../domain/models.js';
import {
  isListedExecution,
  type JobExecutionParent,
  type JobModel,
  type JobParent,
  type ThingModel,
  type ThingParent,
} from '../../domain/reads.js';
import { readField } from '../../errors/fieldFailure.js';
import type { RequestLoaders } from '../../loaders/index.js';

// Lazy reads behind nested fields: each goes through the request's DataLoaders, and a failure
// becomes a typed field error (null + errors[] entry).

export const jobNotFound = (jobId: string) => `No job "${jobId}" was found.`;
export const thingNotFound = (thingName: string) => `No thing "${thingName}" was found.`;
export const executionNotFound = (jobId: string, thingName: string) =>
  `No job execution of job "${jobId}" on thing "${thingName}" was found.`;

/** The full execution: the parent itself, or one DescribeJobExecution for a list row. */
export function fullExecution(
  ctx: GatewayContext,
  execution: JobExecutionParent,
): Promise<JobExecutionModel> {
  if (!isListedExecution(execution)) return Promise.resolve(execution);
  const { jobId, thingName, executionNumber } = execution;
  return readField(() => ctx.loaders.jobExecution.load({ jobId, thingName, executionNumber }), {
    notFound: () => executionNotFound(jobId, thingName),
  });
}

// The rows of a page share their jobs, so they share each job's described parent too: one promise per
// job and request instead of one per row. Keyed by the loader's own promise, so a job the loaders
// forgot (after a mutation) is described again. Kept on the request's loaders object itself.
const PARENTS = Symbol('describedJobParents');
type WithParents = RequestLoaders & { [PARENTS]?: Map<Promise<JobModel>, Promise<JobParent>> };

/**
 * The Job parent with its DescribeJob answer, for fields that need it. On a failure the parent carries
 * only the id: each field then reads the failure from the loader's cache and reports it itself.
 */
export function describedJobParent(ctx: GatewayContext, jobId: string): Promise<JobParent> {
  const loaders: WithParents = ctx.loaders;
  const pending = loaders.job.load(jobId);
  const parents = (loaders[PARENTS] ??= new Map<Promise<JobModel>, Promise<JobParent>>());
  let parent = parents.get(pending);
  if (parent === undefined) {
    parent = pending.then(
      (described): JobParent => ({ jobId, described }),
      (): JobParent => ({ jobId }),
    );
    parents.set(pending, parent);
  }
  return parent;
}

/** DescribeJob, once per job and request. */
export function describedJob(ctx: GatewayContext, job: JobParent): Promise<JobModel> {
  if (job.described) return Promise.resolve(job.described);
  return readField(() => ctx.loaders.job.load(job.jobId), { notFound: () => jobNotFound(job.jobId) });
}

/** DescribeThing, once per thing and request. */
export function describedThing(ctx: GatewayContext, thing: ThingParent): Promise<ThingModel> {
  if (thing.described) return Promise.resolve(thing.described);
  return readField(() => ctx.loaders.thing.load(thing.thingName), {
    notFound: thingNotFound(thing.thingName),
  });
}

/** GetJobDocument's text, once per job and request. */
export function jobDocumentText(ctx: GatewayContext, jobId: string): Promise<string | null> {
  return readField(() => ctx.loaders.jobDocument.load(jobId), { notFound: () => jobNotFound(jobId) });
}
