import type { UpdateJobExecutionSuccessResolvers } from '../types.generated.js';
import { readExecution } from './execution.js';

export const UpdateJobExecutionSuccess: UpdateJobExecutionSuccessResolvers = {
  // Read back only when selected, and only once: a recovered retry already knows it.
  execution: (parent, _args, ctx) =>
    parent.execution !== undefined
      ? parent.execution
      : readExecution(ctx, {
          jobId: parent.jobId,
          thingName: parent.thingName,
          ...(parent.executionNumber !== null ? { executionNumber: parent.executionNumber } : {}),
        }),
};
