import type { CallSignal } from './signal.js';
import {
  CancelJobExecutionCommand,
  DeleteJobExecutionCommand,
  DescribeJobExecutionCommand,
  GetJobDocumentCommand,
  ListJobExecutionsForJobCommand,
  ListJobExecutionsForThingCommand,
  ListThingGroupsForThingCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import type {
  CancelJobExecutionCommand as CancelInput,
  DeleteJobExecutionCommand as DeleteInput,
  DescribeJobExecutionQuery,
  JobExecutionSummaryModel,
  ListJobExecutionsForJobQuery,
  ListJobExecutionsForThingQuery,
  MutationReceipt,
  Page,
} from '../domain/commands.js';
import type { JobExecutionModel } from '../domain/models.js';
import { callUpstream, missingResource, receiptOf } from './call.js';
import { toJobExecutionModel, toJobExecutionSummaryModel } from './normalize.js';

/** Control-plane (`iot`) job-execution operations over one shared IoTClient. */
export function createControlPlane(client: IoTClient) {
  return {
    /** AWS returns nothing: describe afterwards to see the result. */
    cancelJobExecution: async (input: CancelInput, signal?: CallSignal): Promise<MutationReceipt> => {
      const output = await callUpstream('CancelJobExecution', () =>
        client.send(
          new CancelJobExecutionCommand({
            jobId: input.jobId,
            thingName: input.thingName,
            force: input.force,
            expectedVersion: input.expectedVersion,
            statusDetails: input.statusDetails,
          }),
          { abortSignal: signal },
        ),
      );
      return receiptOf(output);
    },

    deleteJobExecution: async (input: DeleteInput, signal?: CallSignal): Promise<MutationReceipt> => {
      const output = await callUpstream('DeleteJobExecution', () =>
        client.send(
          new DeleteJobExecutionCommand({
            jobId: input.jobId,
            thingName: input.thingName,
            executionNumber: input.executionNumber,
            force: input.force,
            namespaceId: input.namespaceId,
          }),
          { abortSignal: signal },
        ),
      );
      return receiptOf(output);
    },

    /** The execution (latest unless executionNumber is given); throws ResourceNotFound when absent. */
    describeJobExecution: async (
      query: DescribeJobExecutionQuery,
      signal?: CallSignal,
    ): Promise<JobExecutionModel> => {
      const output = await callUpstream('DescribeJobExecution', () =>
        client.send(
          new DescribeJobExecutionCommand({
            jobId: query.jobId,
            thingName: query.thingName,
            executionNumber: query.executionNumber,
          }),
          { abortSignal: signal },
        ),
      );
      if (!output.execution)
        throw missingResource('DescribeJobExecution', 'The job execution was not found.');
      return toJobExecutionModel(output.execution, query);
    },

    /** The job document's JSON text (null when the job has none). */
    getJobDocument: async (jobId: string, signal?: CallSignal): Promise<string | null> => {
      const output = await callUpstream('GetJobDocument', () =>
        client.send(new GetJobDocumentCommand({ jobId }), { abortSignal: signal }),
      );
      return output.document ?? null;
    },

    listJobExecutionsForJob: async (
      query: ListJobExecutionsForJobQuery,
      signal?: CallSignal,
    ): Promise<Page<JobExecutionSummaryModel>> => {
      const output = await callUpstream('ListJobExecutionsForJob', () =>
        client.send(new ListJobExecutionsForJobCommand({ ...query }), { abortSignal: signal }),
      );
      return {
        items: (output.executionSummaries ?? []).map((row) =>
          toJobExecutionSummaryModel(row.jobExecutionSummary ?? {}, {
            jobId: query.jobId,
            thingArn: row.thingArn,
          }),
        ),
        nextToken: output.nextToken ?? null,
      };
    },

    listJobExecutionsForThing: async (
      query: ListJobExecutionsForThingQuery,
      signal?: CallSignal,
    ): Promise<Page<JobExecutionSummaryModel>> => {
      const output = await callUpstream('ListJobExecutionsForThing', () =>
        client.send(new ListJobExecutionsForThingCommand({ ...query }), { abortSignal: signal }),
      );
      return {
        items: (output.executionSummaries ?? []).map((row) =>
          toJobExecutionSummaryModel(row.jobExecutionSummary ?? {}, {
            jobId: row.jobId,
            thingName: query.thingName,
          }),
        ),
        nextToken: output.nextToken ?? null,
      };
    },

    /** The names of the thing groups the thing belongs to directly (not their ancestors), every page read. */
    listThingGroupsForThing: async (thingName: string, signal?: CallSignal): Promise<string[]> => {
      const names: string[] = [];
      const seenTokens = new Set<string>();
      let nextToken: string | undefined;
      do {
        const output = await callUpstream('ListThingGroupsForThing', () =>
          client.send(new ListThingGroupsForThingCommand({ thingName, maxResults: 250, nextToken }), {
            abortSignal: signal,
          }),
        );
        for (const group of output.thingGroups ?? []) if (group.groupName) names.push(group.groupName);
        nextToken = output.nextToken || undefined;
        // A token that comes back again would loop forever: stop with what was read.
        if (nextToken !== undefined && seenTokens.has(nextToken)) break;
        if (nextToken !== undefined) seenTokens.add(nextToken);
      } while (nextToken !== undefined);
      return names;
    },
  };
}

export type ControlPlane = ReturnType<typeof createControlPlane>;
