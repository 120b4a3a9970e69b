import { afterEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type TestGateway } from '../support/gateway.js';

// UPSTREAM_MAX_CONCURRENCY_PER_REQUEST bounds the AWS calls one GraphQL request has in flight at once:
// counted at the emulator, which records each call on arrival and marks it answered when it replies.

const JOBS = 10;
const LIST = `query Executions {
  thing(name: "dev-1") { jobExecutions(first: 50) { edges { node { job { description } } } } }
}`;

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** Runs the list with every DescribeJob held for a while; returns the most DescribeJobs seen in flight at once. */
async function peakDescribeJobs(env: Record<string, string>): Promise<number> {
  gw = await startTestGateway({
    seed: seedWith(Array.from({ length: JOBS }, (_, i) => ({ jobId: `job-${i}`, thingName: 'dev-1' }))),
    env,
  });
  const emulator = gw.emulator;
  emulator.injectFault({ operation: 'DescribeJob', mode: 'delay', delayMs: 400, count: JOBS });
  let done = false;
  const answer = gw.gql(LIST).finally(() => (done = true));
  let peak = 0;
  while (!done) {
    const inFlight = emulator.calls({ operation: 'DescribeJob' }).filter((call) => call.status === 0);
    peak = Math.max(peak, inFlight.length);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const { body } = await answer;
  expect(body.errors).toBeUndefined();
  expect(body.data.thing.jobExecutions.edges).toHaveLength(JOBS);
  expect(emulator.calls({ operation: 'DescribeJob' })).toHaveLength(JOBS);
  return peak;
}

describe('calls in flight per request', () => {
  it('stay within UPSTREAM_MAX_CONCURRENCY_PER_REQUEST', async () => {
    expect(await peakDescribeJobs({ UPSTREAM_MAX_CONCURRENCY_PER_REQUEST: '3' })).toBe(3);
  });

  it('go out together by default when a page needs fewer than 32', async () => {
    expect(await peakDescribeJobs({})).toBe(JOBS);
  });
});
