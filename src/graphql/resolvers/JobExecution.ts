import { encodeJobExecutionId } from '../../domain/ids.js';
import type { JobExecutionResolvers } from '../types.generated.js';

export const JobExecution: JobExecutionResolvers = {
  id: (execution) => encodeJobExecutionId(execution),
};
