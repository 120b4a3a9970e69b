import { guardMutations } from '../../security/mutationGuard.js';
import { DateTimeScalar, JSONScalar, LongScalar } from '../scalars.js';
import type { Resolvers } from '../types.generated.js';
import { CancelJobExecutionSuccess } from './CancelJobExecutionSuccess.js';
import { Job } from './Job.js';
import { JobExecution } from './JobExecution.js';
import { JobExecutionGraph } from './JobExecutionGraph.js';
import { cancelJobExecution } from './Mutation/cancelJobExecution.js';
import { deleteJobExecution } from './Mutation/deleteJobExecution.js';
import { updateJobExecution } from './Mutation/updateJobExecution.js';
import { job } from './Query/job.js';
import { jobExecution } from './Query/jobExecution.js';
import { jobs } from './Query/jobs.js';
import { node } from './Query/node.js';
import { ping } from './Query/ping.js';
import { thing } from './Query/thing.js';
import { things } from './Query/things.js';
import { Thing } from './Thing.js';
import { UpdateJobExecutionSuccess } from './UpdateJobExecutionSuccess.js';

/** The full resolver map; union members carry a literal __typename, so no __resolveType is needed. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Long: LongScalar,
  JSON: JSONScalar,
  Query: { ping, jobExecution, job, jobs, thing, things, node },
  // Rate limit, authorization, idempotency and audit around each mutation (src/security/mutationGuard.ts).
  Mutation: guardMutations({ cancelJobExecution, deleteJobExecution, updateJobExecution }),
  JobExecution: { ...JobExecution, ...JobExecutionGraph },
  Job,
  Thing,
  CancelJobExecutionSuccess,
  UpdateJobExecutionSuccess,
};
