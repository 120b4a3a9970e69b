import type { CallSignal } from './signal.js';
import type {
  CancelJobExecutionCommand,
  DataExecutionOutcome,
  DeleteJobExecutionCommand,
  DescribeJobExecutionDataQuery,
  DescribeJobExecutionQuery,
  JobExecutionSummaryModel,
  ListJobExecutionsForJobQuery,
  ListJobExecutionsForThingQuery,
  MutationReceipt,
  Page,
  PendingJobExecutions,
  UpdateJobExecutionCommand,
  UpdateJobExecutionOutcome,
} from '../domain/commands.js';
import type { JobExecutionModel } from '../domain/models.js';
import type { JobModel, JobSummaryModel, ListJobsQuery, ThingModel } from '../domain/reads.js';
import { createClients } from './clients.js';
import { createControlPlane } from './controlPlane.js';
import { createControlPlaneReads } from './controlPlaneReads.js';
import { createDataPlane } from './dataPlane.js';
import type { UpstreamSettings } from './settings.js';

export type { UpstreamSettings } from './settings.js';

/**
 * Everything the gateway asks of AWS, in domain types only. Each function throws an UpstreamError
 * (src/domain/failures.ts) on failure; `signal` aborts the call when the client went away.
 */
export interface Upstream {
  cancelJobExecution(input: CancelJobExecutionCommand, signal?: CallSignal): Promise<MutationReceipt>;
  deleteJobExecution(input: DeleteJobExecutionCommand, signal?: CallSignal): Promise<MutationReceipt>;
  updateJobExecution(
    input: UpdateJobExecutionCommand,
    signal?: CallSignal,
  ): Promise<UpdateJobExecutionOutcome>;
  /** Control plane: the full execution, forceCanceled included. */
  describeJobExecution(query: DescribeJobExecutionQuery, signal?: CallSignal): Promise<JobExecutionModel>;
  /** Control plane: the job document's JSON text. */
  getJobDocument(jobId: string, signal?: CallSignal): Promise<string | null>;
  /** Data plane: the device's view, optionally with the job document. */
  describeJobExecutionAsDevice(
    query: DescribeJobExecutionDataQuery,
    signal?: CallSignal,
  ): Promise<DataExecutionOutcome>;
  listJobExecutionsForJob(
    query: ListJobExecutionsForJobQuery,
    signal?: CallSignal,
  ): Promise<Page<JobExecutionSummaryModel>>;
  listJobExecutionsForThing(
    query: ListJobExecutionsForThingQuery,
    signal?: CallSignal,
  ): Promise<Page<JobExecutionSummaryModel>>;
  getPendingJobExecutions(thingName: string, signal?: CallSignal): Promise<PendingJobExecutions>;
  /** Control plane: the thing's direct thing groups, for authorization policies. */
  listThingGroupsForThing(thingName: string, signal?: CallSignal): Promise<string[]>;
  /** Control plane: the job with its description and per-status counters (no document). */
  describeJob(jobId: string, signal?: CallSignal): Promise<JobModel>;
  /** Control plane: one page of jobs (summaries only). */
  listJobs(query: ListJobsQuery, signal?: CallSignal): Promise<Page<JobSummaryModel>>;
  /** Control plane: the thing's type, attributes and version. */
  describeThing(thingName: string, signal?: CallSignal): Promise<ThingModel>;
  /** The data-plane endpoint URL in use (discovered once when not configured). */
  dataPlaneEndpoint(): Promise<string>;
  /** One cheap AWS call (DescribeEndpoint) for readiness; wrappers may leave it out. */
  checkReachable?(signal?: CallSignal): Promise<void>;
  /** Closes the shared sockets. */
  destroy(): void;
}

export function createUpstream(settings: UpstreamSettings): Upstream {
  const clients = createClients(settings);
  const control = createControlPlane(clients.control);
  const data = createDataPlane(clients.data);
  const reads = createControlPlaneReads(clients.control);
  return {
    cancelJobExecution: control.cancelJobExecution,
    deleteJobExecution: control.deleteJobExecution,
    updateJobExecution: data.updateJobExecution,
    describeJobExecution: control.describeJobExecution,
    getJobDocument: control.getJobDocument,
    describeJobExecutionAsDevice: data.describeJobExecution,
    listJobExecutionsForJob: control.listJobExecutionsForJob,
    listJobExecutionsForThing: control.listJobExecutionsForThing,
    getPendingJobExecutions: data.getPendingJobExecutions,
    listThingGroupsForThing: control.listThingGroupsForThing,
    describeJob: reads.describeJob,
    listJobs: reads.listJobs,
    describeThing: reads.describeThing,
    dataPlaneEndpoint: clients.dataEndpoint,
    checkReachable: clients.checkReachable,
    destroy: clients.destroy,
  };
}
