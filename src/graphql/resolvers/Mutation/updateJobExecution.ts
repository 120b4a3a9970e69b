import type { UpdateJobExecutionCommand } from '../../../domain/commands.js';
import { isUpstreamError } from '../../../domain/failures.js';
import { invalidInput, updateFailureToGraphQL } from '../../../errors/toGraphQL.js';
import { validateUpdateInput } from '../../../validation/mutations.js';
import type { GatewayContext } from '../../../context.js';
import type { MutationResolvers } from '../../types.generated.js';
import { appliedByEarlierAttempt, conflictState, type ConflictState } from '../execution.js';

export const updateJobExecution: NonNullable<MutationResolvers['updateJobExecution']> = async (
  _parent,
  { input },
  ctx,
) => {
  const checked = validateUpdateInput(input);
  if (!checked.ok) return invalidInput(checked.fieldErrors);
  const command = checked.value;
  const query = {
    jobId: command.jobId,
    thingName: command.thingName,
    executionNumber: command.executionNumber,
  };
  try {
    const outcome = await ctx.upstream.updateJobExecution(command, ctx.signal);
    ctx.loaders.forgetExecution(command);
    return {
      __typename: 'UpdateJobExecutionSuccess',
      ...query,
      executionNumber: command.executionNumber ?? null,
      executionState: outcome.executionState,
      jobDocument: parseDocument(outcome.jobDocument),
      upstreamRequestId: outcome.upstreamRequestId,
    };
  } catch (error) {
    // A failed attempt may still have changed the execution (a retried call whose answer was lost).
    ctx.loaders.forgetExecution(command);
    if (!isUpstreamError(error)) throw error;
    const conflict = await conflictState(ctx, error.failure, query);
    if (appliedByEarlierAttempt(error.failure, conflict, command.status)) {
      ctx.log.info(
        { ...query, attempts: error.failure.attempts },
        'update was applied by an earlier attempt',
      );
      return {
        ...(await recoveredSuccess(ctx, command, conflict)),
        upstreamRequestId: error.failure.upstreamRequestId,
      };
    }
    return updateFailureToGraphQL(error, {
      ...query,
      expectedVersion: command.expectedVersion,
      currentState: conflict.state,
    });
  }
};

/** The success an earlier, lost answer would have carried, rebuilt from what can be read now. */
async function recoveredSuccess(
  ctx: GatewayContext,
  command: UpdateJobExecutionCommand,
  conflict: ConflictState,
) {
  const document = command.includeJobDocument ? await readDocument(ctx, command.jobId) : null;
  return {
    __typename: 'UpdateJobExecutionSuccess' as const,
    jobId: command.jobId,
    thingName: command.thingName,
    executionNumber: command.executionNumber ?? null,
    executionState: command.includeJobExecutionState ? conflict.state : null,
    jobDocument: parseDocument(document),
    execution: conflict.execution,
  };
}

async function readDocument(ctx: GatewayContext, jobId: string): Promise<string | null> {
  try {
    return await ctx.upstream.getJobDocument(jobId, ctx.signal);
  } catch (error) {
    ctx.log.warn({ err: error, jobId }, 'could not read the job document');
    return null;
  }
}

/** Job documents are JSON text; clients get the parsed value (the raw text if it is not JSON). */
function parseDocument(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
