// Baseline B1: plain node:http plus the gateway's SDK client configuration, doing exactly the
// upstream work of each GraphQL operation by hand (the floor the gateway is measured against).
import {
  CancelJobExecutionCommand,
  DescribeJobCommand,
  ListJobExecutionsForThingCommand,
} from '@aws-sdk/client-iot';
import { cancelResponse } from '../workload.js';
import { createBenchClients } from './benchClients.js';
import { cancelInput, servePlainHttp, type GraphQLLikeRequest } from './plainHttp.js';

const { control } = await createBenchClients();

servePlainHttp(async (request) =>
  request.operationName === 'ThingExecutions' ? list(request) : cancel(request),
);

async function cancel(request: GraphQLLikeRequest): Promise<string> {
  const { jobId, thingName } = cancelInput(request);
  try {
    await control.send(new CancelJobExecutionCommand({ jobId, thingName }));
    return cancelResponse(jobId, thingName);
  } catch (error) {
    // Mirror the gateway: a throttle that outlived the SDK's retries is a typed answer, not a 5xx.
    if ((error as Error).name !== 'ThrottlingException') throw error;
    return JSON.stringify({
      data: { cancelJobExecution: { __typename: 'ThrottlingError', message: 'Rate exceeded' } },
    });
  }
}

// One list call, then one DescribeJob per distinct job, as a DataLoader-backed gateway should do.
async function list(request: GraphQLLikeRequest): Promise<string> {
  const thingName = String(request.variables?.thingName);
  const page = await control.send(new ListJobExecutionsForThingCommand({ thingName, maxResults: 100 }));
  const summaries = page.executionSummaries ?? [];
  const jobs = new Map<string, Promise<{ status?: string; description?: string }>>();
  for (const { jobId } of summaries) {
    if (jobId !== undefined && !jobs.has(jobId)) {
      jobs.set(
        jobId,
        control.send(new DescribeJobCommand({ jobId })).then((out) => out.job ?? {}),
      );
    }
  }
  const edges = await Promise.all(
    summaries.map(async (summary) => {
      const job = await jobs.get(summary.jobId ?? '');
      return {
        node: {
          status: summary.jobExecutionSummary?.status ?? null,
          job: job ? { status: job.status ?? null, description: job.description ?? null } : null,
        },
      };
    }),
  );
  return JSON.stringify({ data: { thing: { jobExecutions: { edges } } } });
}
