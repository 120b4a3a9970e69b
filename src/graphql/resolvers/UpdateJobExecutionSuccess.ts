import { readField } from '../../errors/fieldFailure.js';
import { mayReadThing } from '../../security/readAccess.js';
import type { UpdateJobExecutionSuccessResolvers } from '../types.generated.js';
import { readExecution } from './execution.js';

export const UpdateJobExecutionSuccess: UpdateJobExecutionSuccessResolvers = {
  // Read back only when selected, and only once: a recovered retry already knows it. Seeing it needs `read`.
  execution: async (parent, _args, ctx) => {
    if (!(await readField(() => mayReadThing(ctx, parent.thingName)))) return null;
    return parent.execution !== undefined
      ? parent.execution
      : readExecution(ctx, {
          jobId: parent.jobId,
          thingName: parent.thingName,
          ...(parent.executionNumber !== null ? { executionNumber: parent.executionNumber } : {}),
        });
  },
};
