import type { CallSignal } from './signal.js';
import {
  DescribeJobCommand,
  DescribeThingCommand,
  ListJobsCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import type { Page } from '../domain/commands.js';
import type { JobModel, JobSummaryModel, ListJobsQuery, ThingModel } from '../domain/reads.js';
import { callUpstream, missingResource } from './call.js';
import { toJobModel, toJobSummaryModel, toThingModel } from './normalizeReads.js';

/** Control-plane (`iot`) reads of jobs and things over the shared IoTClient. */
export function createControlPlaneReads(client: IoTClient) {
  return {
    describeJob: async (jobId: string, signal?: CallSignal): Promise<JobModel> => {
      const output = await callUpstream('DescribeJob', () =>
        client.send(new DescribeJobCommand({ jobId }), { abortSignal: signal }),
      );
      if (!output.job) throw missingResource('DescribeJob', 'The job was not found.');
      return toJobModel(output.job);
    },

    listJobs: async (query: ListJobsQuery, signal?: CallSignal): Promise<Page<JobSummaryModel>> => {
      const output = await callUpstream('ListJobs', () =>
        client.send(new ListJobsCommand({ ...query }), { abortSignal: signal }),
      );
      return { items: (output.jobs ?? []).map(toJobSummaryModel), nextToken: output.nextToken ?? null };
    },

    describeThing: async (thingName: string, signal?: CallSignal): Promise<ThingModel> => {
      const output = await callUpstream('DescribeThing', () =>
        client.send(new DescribeThingCommand({ thingName }), { abortSignal: signal }),
      );
      return toThingModel(output, thingName);
    },
  };
}

export type ControlPlaneReads = ReturnType<typeof createControlPlaneReads>;
