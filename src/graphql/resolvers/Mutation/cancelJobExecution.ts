import { isUpstreamError } from '../../../domain/failures.js';
import { cancelFailureToGraphQL, invalidInput } from '../../../errors/toGraphQL.js';
import { validateCancelInput } from '../../../validation/mutations.js';
import type { MutationResolvers } from '../../types.generated.js';
import { appliedByEarlierAttempt, conflictState } from '../execution.js';

export const cancelJobExecution: NonNullable<MutationResolvers['cancelJobExecution']> = async (
  _parent,
  { input },
  ctx,
) => {
  const checked = validateCancelInput(input);
  if (!checked.ok) return invalidInput(checked.fieldErrors);
  const command = checked.value;
  const ref = { jobId: command.jobId, thingName: command.thingName };
  try {
    const receipt = await ctx.upstream.cancelJobExecution(command, ctx.signal);
    ctx.loaders.forgetExecution(ref);
    // AWS answers with nothing; the execution is read back only if the client selects it.
    return { __typename: 'CancelJobExecutionSuccess', ...ref, ...receipt };
  } catch (error) {
    // A failed attempt may still have changed the execution (a retried call whose answer was lost).
    ctx.loaders.forgetExecution(ref);
    if (!isUpstreamError(error)) throw error;
    const conflict = await conflictState(ctx, error.failure, ref);
    if (appliedByEarlierAttempt(error.failure, conflict, 'CANCELED')) {
      ctx.log.info({ ...ref, attempts: error.failure.attempts }, 'cancel was applied by an earlier attempt');
      return {
        __typename: 'CancelJobExecutionSuccess',
        ...ref,
        execution: conflict.execution,
        upstreamRequestId: error.failure.upstreamRequestId,
      };
    }
    return cancelFailureToGraphQL(error, {
      ...ref,
      expectedVersion: command.expectedVersion,
      currentState: conflict.state,
    });
  }
};
