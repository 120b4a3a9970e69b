import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type TestGateway } from '../support/gateway.js';

// GET /metrics: requests by root field and result-union member, upstream calls by AWS operation and
// error name, and retries taken from the SDK's $metadata.attempts.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({
    seed: seedWith([
      { jobId: 'queued-1', thingName: 'dev-1' },
      { jobId: 'queued-2', thingName: 'dev-1' },
      { jobId: 'queued-3', thingName: 'dev-1' },
    ]),
  });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.emulator.clearFaults();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${gw.origin}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2]!.split(/,(?=[a-z_]+=")/).sort();
    if (have.join(',') === wanted.join(',')) return Number(match[3]);
  }
  return 0;
}

/** How much each sample grew while `run` executed. */
async function growth(
  run: () => Promise<unknown>,
  samples: Record<string, [string, Record<string, string>]>,
) {
  const before = await scrape();
  await run();
  const after = await scrape();
  return Object.fromEntries(
    Object.entries(samples).map(([key, [name, labels]]) => [
      key,
      sample(after, name, labels) - sample(before, name, labels),
    ]),
  );
}

// No __typename selected: the outcome still comes from the union member the resolver returned.
const cancel = (jobId: string) =>
  gw.gql(
    `mutation { cancelJobExecution(input: { jobId: "${jobId}", thingName: "dev-1" }) { ... on Error { message } } }`,
  );

describe('GET /metrics', () => {
  it('serves process metrics in the Prometheus text format', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
  });

  it('counts requests by root field and the result-union member returned, and times them', async () => {
    const delta = await growth(
      async () => {
        await cancel('queued-1');
        await cancel('no-such-job');
        await cancel('no-such-job-either');
      },
      {
        success: [
          'graphql_requests_total',
          { operation: 'cancelJobExecution', outcome: 'CancelJobExecutionSuccess' },
        ],
        notFound: [
          'graphql_requests_total',
          { operation: 'cancelJobExecution', outcome: 'ResourceNotFoundError' },
        ],
        timed: [
          'graphql_request_duration_seconds_count',
          { operation: 'cancelJobExecution', outcome: 'ResourceNotFoundError' },
        ],
        members: [
          'graphql_result_members_total',
          { field: 'cancelJobExecution', member: 'ResourceNotFoundError' },
        ],
      },
    );
    expect(delta).toEqual({ success: 1, notFound: 2, timed: 2, members: 2 });
  });

  it('labels requests that never run by their error code, and several root fields as (multiple)', async () => {
    const delta = await growth(
      async () => {
        await gw.gql('{ notAField }');
        await gw.gql(
          `mutation { a: cancelJobExecution(input: { jobId: "x1", thingName: "dev-1" }) { __typename }
                      b: deleteJobExecution(input: { jobId: "x2", thingName: "dev-1", executionNumber: 1 }) { __typename } }`,
        );
      },
      {
        invalid: ['graphql_requests_total', { operation: '(none)', outcome: 'GRAPHQL_VALIDATION_FAILED' }],
        multiple: ['graphql_requests_total', { operation: '(multiple)', outcome: 'ok' }],
        deleteMember: [
          'graphql_result_members_total',
          { field: 'deleteJobExecution', member: 'ResourceNotFoundError' },
        ],
      },
    );
    expect(delta).toEqual({ invalid: 1, multiple: 1, deleteMember: 1 });
  });

  it('counts upstream calls by AWS operation and error name, and the SDK retries inside them', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'throttle', count: 2 });
    const delta = await growth(
      async () => {
        await cancel('queued-2');
        await cancel('no-such-job');
      },
      {
        ok: ['upstream_requests_total', { client: 'iot', command: 'CancelJobExecution', outcome: 'success' }],
        notFound: [
          'upstream_requests_total',
          { client: 'iot', command: 'CancelJobExecution', outcome: 'ResourceNotFoundException' },
        ],
        retries: ['upstream_retries_total', { client: 'iot', command: 'CancelJobExecution' }],
        timed: [
          'upstream_request_duration_seconds_count',
          { client: 'iot', command: 'CancelJobExecution', outcome: 'success' },
        ],
      },
    );
    // Two throttled attempts, then success: one call, two retries.
    expect(delta).toEqual({ ok: 1, notFound: 1, retries: 2, timed: 1 });
  });

  it('names the data plane separately from the control plane', async () => {
    const delta = await growth(
      () =>
        gw.gql(
          `mutation { updateJobExecution(input: { jobId: "queued-3", thingName: "dev-1", status: IN_PROGRESS }) { __typename } }`,
        ),
      {
        update: [
          'upstream_requests_total',
          { client: 'iot-jobs-data', command: 'UpdateJobExecution', outcome: 'success' },
        ],
        member: [
          'graphql_requests_total',
          { operation: 'updateJobExecution', outcome: 'UpdateJobExecutionSuccess' },
        ],
      },
    );
    expect(delta).toEqual({ update: 1, member: 1 });
  });
});
