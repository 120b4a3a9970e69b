import type { GatewayContext } from '../../context.js';
import type { DescribeJobExecutionQuery } from '../../domain/commands.js';
import type { UpstreamFailure } from '../../domain/failures.js';
import {
  stateOf,
  type JobExecutionModel,
  type JobExecutionStateModel,
  type JobExecutionStatus,
} from '../../domain/models.js';

// Helpers the mutation resolvers share: reading an execution back after a change or a conflict.

/**
 * The execution as it stands (control plane), or null, logged, when it cannot be read. It goes through
 * the request's loader, so later reads of it in the same request reuse this answer.
 */
export async function readExecution(
  ctx: GatewayContext,
  query: DescribeJobExecutionQuery,
): Promise<JobExecutionModel | null> {
  try {
    return await ctx.loaders.jobExecution.load(query);
  } catch (error) {
    ctx.log.warn(
      { err: error, jobId: query.jobId, thingName: query.thingName },
      'could not read job execution back',
    );
    return null;
  }
}

export interface ConflictState {
  /** The execution's state now; null when the failure is no conflict or it could not be read. */
  state: JobExecutionStateModel | null;
  /** Set when a describe was needed to learn the state (undefined: not read). */
  execution?: JobExecutionModel | null;
}

/**
 * Conflicts (InvalidStateTransition, VersionConflict) report the execution's current state: from the
 * error body when AWS sent it (data plane), else from one DescribeJobExecution.
 */
export async function conflictState(
  ctx: GatewayContext,
  failure: UpstreamFailure,
  query: DescribeJobExecutionQuery,
): Promise<ConflictState> {
  if (failure.kind !== 'InvalidStateTransition' && failure.kind !== 'VersionConflict') return { state: null };
  if (failure.executionState) return { state: failure.executionState };
  const execution = await readExecution(ctx, query);
  return { state: execution ? stateOf(execution) : null, execution };
}

/**
 * The SDK retried a change whose first attempt took effect but whose answer was lost: the retry
 * then fails with a conflict although the execution already is where the caller wanted it.
 */
export function appliedByEarlierAttempt(
  failure: UpstreamFailure,
  conflict: ConflictState,
  target: JobExecutionStatus,
): boolean {
  return failure.attempts > 1 && conflict.state?.status === target;
}
