import { encodeJobExecutionId } from '../../../domain/ids.js';
import { isUpstreamError } from '../../../domain/failures.js';
import { deleteFailureToGraphQL, invalidInput } from '../../../errors/toGraphQL.js';
import { validateDeleteInput } from '../../../validation/mutations.js';
import type { MutationResolvers } from '../../types.generated.js';
import { conflictState } from '../execution.js';

export const deleteJobExecution: NonNullable<MutationResolvers['deleteJobExecution']> = async (
  _parent,
  { input },
  ctx,
) => {
  const checked = validateDeleteInput(input);
  if (!checked.ok) return invalidInput(checked.fieldErrors);
  const command = checked.value;
  const key = {
    jobId: command.jobId,
    thingName: command.thingName,
    executionNumber: command.executionNumber,
  };
  const success = {
    __typename: 'DeleteJobExecutionSuccess' as const,
    deletedId: encodeJobExecutionId(key),
    ...key,
  };
  try {
    const receipt = await ctx.upstream.deleteJobExecution(command, ctx.signal);
    ctx.loaders.forgetExecution(key);
    // The request id rides along for the audit line; DeleteJobExecutionSuccess has no such field.
    return { ...success, ...receipt };
  } catch (error) {
    // A failed attempt may still have changed the execution (a retried call whose answer was lost).
    ctx.loaders.forgetExecution(key);
    if (!isUpstreamError(error)) throw error;
    // A retried delete whose first attempt went through finds nothing left to delete.
    if (error.failure.kind === 'ResourceNotFound' && error.failure.attempts > 1) {
      ctx.log.info({ ...key, attempts: error.failure.attempts }, 'delete was applied by an earlier attempt');
      return { ...success, upstreamRequestId: error.failure.upstreamRequestId };
    }
    const conflict = await conflictState(ctx, error.failure, key);
    return deleteFailureToGraphQL(error, { ...key, currentState: conflict.state });
  }
};
