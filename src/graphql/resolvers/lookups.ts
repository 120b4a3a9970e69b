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
// job and request instead of one per row, replaced by the parent itself once settled, so later rows get
// it without a promise. Keyed by the loaders' cached promise, so a job the loaders forgot (after a
// mutation) is described again. Kept on the request's loaders object itself.
const PARENTS = Symbol('describedJobParents');
type Parent = JobParent | Promise<JobParent>;
type WithParents = RequestLoaders & { [PARENTS]?: Map<Promise<JobModel>, Parent> };

/**
 * The Job parent with its DescribeJob answer, for fields that need it. On a failure the parent carries
 * only the id: each field then reads the failure from the loader's cache and reports it itself.
 */
export function describedJobParent(ctx: GatewayContext, jobId: string): Parent {
  const loaders: WithParents = ctx.loaders;
  const pending = loaders.describedJob(jobId);
  const parents = (loaders[PARENTS] ??= new Map<Promise<JobModel>, Parent>());
  let parent = parents.get(pending);
  if (parent === undefined) {
    const settle = (settled: JobParent): JobParent => {
      parents.set(pending, settled);
      return settled;
    };
    parent = pending.then(
      (described) => settle({ jobId, described }),
      () => settle({ jobId }),
    );
    parents.set(pending, parent);
  }
  return parent;
}

/** DescribeJob, once per job and request. */
export function describedJob(ctx: GatewayContext, job: JobParent): Promise<JobModel> {
  if (job.described) return Promise.resolve(job.described);
  return readField(() => ctx.loaders.describedJob(job.jobId), {
    notFound: () => jobNotFound(job.jobId),
  });
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
