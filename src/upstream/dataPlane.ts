import type { CallSignal } from './signal.js';
import {
  DescribeJobExecutionCommand,
  GetPendingJobExecutionsCommand,
  UpdateJobExecutionCommand,
  type IoTJobsDataPlaneClient,
} from '@aws-sdk/client-iot-jobs-data-plane';
import type {
  DataExecutionOutcome,
  DescribeJobExecutionDataQuery,
  PendingJobExecutions,
  UpdateJobExecutionCommand as UpdateInput,
  UpdateJobExecutionOutcome,
} from '../domain/commands.js';
import { callUpstream, receiptOf } from './call.js';
import { toJobExecutionModel, toJobExecutionStateModel, toJobExecutionSummaryModel } from './normalize.js';

/**
 * Data-plane (`iot-jobs-data`) operations: the device's view. The client is resolved per call so the
 * endpoint discovery it may need runs lazily and its failures surface as that call's failure.
 */
export function createDataPlane(client: () => Promise<IoTJobsDataPlaneClient>) {
  return {
    updateJobExecution: async (
      input: UpdateInput,
      signal?: CallSignal,
    ): Promise<UpdateJobExecutionOutcome> => {
      const output = await callUpstream('UpdateJobExecution', async () =>
        (await client()).send(
          new UpdateJobExecutionCommand({
            jobId: input.jobId,
            thingName: input.thingName,
            status: input.status,
            statusDetails: input.statusDetails,
            stepTimeoutInMinutes: input.stepTimeoutInMinutes,
            expectedVersion: input.expectedVersion,
            includeJobExecutionState: input.includeJobExecutionState,
            includeJobDocument: input.includeJobDocument,
            executionNumber: input.executionNumber,
          }),
          { abortSignal: signal },
        ),
      );
      return {
        executionState: toJobExecutionStateModel(output.executionState),
        jobDocument: output.jobDocument ?? null,
        ...receiptOf(output),
      };
    },

    /** The device's view of an execution; `jobId` may be `$next`. The document is left out unless asked. */
    describeJobExecution: async (
      query: DescribeJobExecutionDataQuery,
      signal?: CallSignal,
    ): Promise<DataExecutionOutcome> => {
      const output = await callUpstream('DescribeJobExecution', async () =>
        (await client()).send(
          new DescribeJobExecutionCommand({
            jobId: query.jobId,
            thingName: query.thingName,
            executionNumber: query.executionNumber,
            includeJobDocument: query.includeJobDocument ?? false,
          }),
          { abortSignal: signal },
        ),
      );
      const execution = output.execution;
      return {
        execution: execution ? toJobExecutionModel(execution, { thingName: query.thingName }) : null,
        jobDocument: execution?.jobDocument ?? null,
      };
    },

    getPendingJobExecutions: async (
      thingName: string,
      signal?: CallSignal,
    ): Promise<PendingJobExecutions> => {
      const output = await callUpstream('GetPendingJobExecutions', async () =>
        (await client()).send(new GetPendingJobExecutionsCommand({ thingName }), { abortSignal: signal }),
      );
      return {
        inProgress: (output.inProgressJobs ?? []).map((row) =>
          toJobExecutionSummaryModel(row, { thingName, status: 'IN_PROGRESS' }),
        ),
        queued: (output.queuedJobs ?? []).map((row) =>
          toJobExecutionSummaryModel(row, { thingName, status: 'QUEUED' }),
        ),
      };
    },
  };
}

export type DataPlane = ReturnType<typeof createDataPlane>;
