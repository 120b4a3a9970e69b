import { DateTimeScalar, JSONScalar, LongScalar } from '../scalars.js';
import type { Resolvers } from '../types.generated.js';
import { CancelJobExecutionSuccess } from './CancelJobExecutionSuccess.js';
import { JobExecution } from './JobExecution.js';
import { cancelJobExecution } from './Mutation/cancelJobExecution.js';
import { deleteJobExecution } from './Mutation/deleteJobExecution.js';
import { updateJobExecution } from './Mutation/updateJobExecution.js';
import { ping } from './Query/ping.js';
import { UpdateJobExecutionSuccess } from './UpdateJobExecutionSuccess.js';

/** The full resolver map; union members carry a literal __typename, so no __resolveType is needed. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Long: LongScalar,
  JSON: JSONScalar,
  Query: { ping },
  Mutation: { cancelJobExecution, deleteJobExecution, updateJobExecution },
  JobExecution,
  CancelJobExecutionSuccess,
  UpdateJobExecutionSuccess,
};
