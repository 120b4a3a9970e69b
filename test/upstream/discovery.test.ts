import { afterEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type GqlBody, type TestGateway } from '../support/gateway.js';
import { UPDATE_LEAN } from '../support/operations.js';

// The data-plane endpoint: discovered once through DescribeEndpoint(iot:Jobs), lazily, or taken from
// AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE without any discovery.

const seed = seedWith(Array.from({ length: 8 }, (_, i) => ({ jobId: `job-${i}`, thingName: 'dev-1' })));
let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const start = (jobId: string, g: TestGateway): Promise<GqlBody> =>
  g
    .gql(UPDATE_LEAN, { input: { jobId, thingName: 'dev-1', status: 'IN_PROGRESS' } })
    .then((r): GqlBody => r.body.data.updateJobExecution);

describe('data-plane endpoint discovery', () => {
  it('makes no AWS call at startup', async () => {
    gw = await startTestGateway({ seed });
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('calls DescribeEndpoint exactly once across many updates, concurrent ones included', async () => {
    gw = await startTestGateway({ seed });
    const g = gw;
    const concurrent = await Promise.all([0, 1, 2, 3].map((i) => start(`job-${i}`, g)));
    for (const i of [4, 5, 6, 7]) concurrent.push(await start(`job-${i}`, g));
    expect(concurrent.map((r): GqlBody => r.__typename)).toEqual(Array(8).fill('UpdateJobExecutionSuccess'));
    expect(gw.upstreamCalls('DescribeEndpoint')).toBe(1);
    expect(gw.upstreamCalls('UpdateJobExecution')).toBe(8);
    expect(gw.emulator.calls({ operation: 'DescribeEndpoint' })[0]?.service).toBe('iot');
    expect(
      gw.emulator.calls({ operation: 'UpdateJobExecution' }).every((c) => c.service === 'iot-jobs-data'),
    ).toBe(true);
  });

  it('a failed discovery becomes a typed error and is retried on the next call', async () => {
    gw = await startTestGateway({ seed });
    gw.emulator.injectFault({ operation: 'DescribeEndpoint', mode: 'unavailable', count: Infinity });
    expect(await start('job-0', gw)).toMatchObject({ __typename: 'ServiceUnavailableError' });
    expect(gw.upstreamCalls('UpdateJobExecution')).toBe(0);
    gw.emulator.clearFaults();
    gw.emulator.resetCalls();
    expect((await start('job-0', gw)).__typename).toBe('UpdateJobExecutionSuccess');
    expect(await start('job-1', gw)).toMatchObject({ __typename: 'UpdateJobExecutionSuccess' });
    expect(gw.upstreamCalls('DescribeEndpoint')).toBe(1);
  });

  it('uses AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE without any DescribeEndpoint call', async () => {
    gw = await startTestGateway({ seed, dataPlane: 'configured' });
    for (const i of [0, 1, 2])
      expect((await start(`job-${i}`, gw)).__typename).toBe('UpdateJobExecutionSuccess');
    expect(gw.upstreamCalls('DescribeEndpoint')).toBe(0);
    expect(gw.upstreamCalls('UpdateJobExecution')).toBe(3);
    expect(await gw.gateway.upstream.dataPlaneEndpoint()).toBe(gw.emulator.url);
  });
});
