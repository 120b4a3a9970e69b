import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { callsByOperation, data, nodesOf } from './fixtures.js';

// The read-side fields against the demo fleet, and what each costs upstream.

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ seed: 'demo' });
});
afterAll(() => gw.close());
beforeEach(() => gw.emulator.resetCalls());

describe('Query.job', () => {
  it('returns the job with its status, description, counters and document', async () => {
    const { job } = await data(
      gw,
      `{ job(id: "firmware-update-v2") { __typename ... on Job {
          jobId status targetSelection description createdAt lastUpdatedAt completedAt
          executionCounts { queued inProgress succeeded failed timedOut rejected removed canceled }
          document documentRaw
          executions(status: FAILED) { edges { node { thingName status } } }
        } } }`,
    );
    expect(job).toMatchObject({
      __typename: 'Job',
      jobId: 'firmware-update-v2',
      status: 'IN_PROGRESS',
      targetSelection: 'SNAPSHOT',
      description: 'Roll thermostats forward to firmware 2.0.1',
      completedAt: null,
      executionCounts: {
        queued: 1,
        inProgress: 1,
        succeeded: 1,
        failed: 1,
        timedOut: 0,
        rejected: 0,
        removed: 0,
        canceled: 0,
      },
      document: { operation: 'firmware-update', version: '2.0.1', url: 'https://example.com/fw/2.0.1.bin' },
      executions: { edges: [{ node: { thingName: 'thermostat-003', status: 'FAILED' } }] },
    });
    expect(JSON.parse(job.documentRaw)).toEqual(job.document);
    expect(job.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(callsByOperation(gw)).toEqual({ DescribeJob: 1, GetJobDocument: 1, ListJobExecutionsForJob: 1 });
  });
});

describe('Query.jobs', () => {
  it('lists summaries and describes a job only for fields the summary lacks', async () => {
    const { jobs } = await data(
      gw,
      '{ jobs(status: IN_PROGRESS) { ... on JobConnection { edges { node { jobId status targetSelection createdAt } } } } }',
    );
    // camera-reboot is COMPLETED: every execution of that SNAPSHOT job is terminal.
    expect(
      nodesOf(jobs)
        .map((n) => n.jobId as string)
        .sort(),
    ).toEqual(['config-rollout-42', 'firmware-update-v2', 'security-patch-7']);
    expect(callsByOperation(gw)).toEqual({ ListJobs: 1 });
    gw.emulator.resetCalls();
    const described = await data(gw, '{ jobs { ... on JobConnection { edges { node { description } } } } }');
    expect(described.jobs.edges).toHaveLength(4);
    expect(callsByOperation(gw)).toEqual({ ListJobs: 1, DescribeJob: 4 });
  });
});

describe('priming from lists', () => {
  it('a job seen in the jobs list answers its status from that row when its executions point back at it', async () => {
    const { jobs } = await data(
      gw,
      `{ jobs(status: IN_PROGRESS) { ... on JobConnection { edges { node { jobId status
          executions(first: 5) { edges { node { job { jobId status targetSelection } } } } } } } } }`,
    );
    for (const job of nodesOf(jobs)) {
      for (const execution of nodesOf(job.executions)) {
        expect(execution.job).toMatchObject({ jobId: job.jobId, status: 'IN_PROGRESS' });
      }
    }
    expect(callsByOperation(gw)).toEqual({ ListJobs: 1, ListJobExecutionsForJob: 3 });
  });
});

describe('Query.thing', () => {
  it('reads the thing record once for all its DescribeThing fields', async () => {
    const { thing } = await data(
      gw,
      '{ thing(name: "thermostat-003") { thingName thingTypeName version attributes { name value } } }',
    );
    expect(thing).toEqual({
      thingName: 'thermostat-003',
      thingTypeName: null,
      version: 1,
      attributes: [
        { name: 'model', value: 'T2000' },
        { name: 'site', value: 'lisbon' },
      ],
    });
    expect(callsByOperation(gw)).toEqual({ DescribeThing: 1 });
  });

  it('lists executions filtered by status', async () => {
    const { thing } = await data(
      gw,
      '{ thing(name: "camera-001") { jobExecutions(status: REJECTED) { edges { node { jobId status } } } } }',
    );
    expect(thing.jobExecutions.edges).toEqual([{ node: { jobId: 'config-rollout-42', status: 'REJECTED' } }]);
  });

  it('shows what is pending on a device, as the device sees it, completing rows only when asked', async () => {
    const { thing } = await data(
      gw,
      `{ thing(name: "thermostat-002") { pendingJobExecutions {
          inProgress { jobId status versionNumber executionNumber statusDetails { key value } }
          queued { jobId status versionNumber executionNumber job { description } }
        } } }`,
    );
    expect(thing.pendingJobExecutions).toEqual({
      inProgress: [
        {
          jobId: 'firmware-update-v2',
          status: 'IN_PROGRESS',
          versionNumber: 2,
          executionNumber: 1,
          statusDetails: [
            { key: 'progress', value: '40' },
            { key: 'step', value: 'downloading' },
          ],
        },
      ],
      queued: [
        {
          jobId: 'security-patch-7',
          status: 'QUEUED',
          versionNumber: 1,
          executionNumber: 1,
          job: { description: 'Install security patch 7' },
        },
      ],
    });
    // versionNumber comes with the data-plane rows: only statusDetails needs a describe.
    expect(callsByOperation(gw)).toMatchObject({
      GetPendingJobExecutions: 1,
      DescribeJobExecution: 1,
      DescribeJob: 1,
    });
  });
});

describe('Query.jobExecution', () => {
  it('reads the latest execution with its job document, thing and job', async () => {
    const { jobExecution } = await data(
      gw,
      `{ jobExecution(jobId: "security-patch-7", thingName: "gateway-001") { __typename ... on JobExecution {
          status statusDetails { key value } approximateSecondsBeforeTimedOut jobDocument jobDocumentRaw
          thing { thingName attributes { name value } } job { jobId description }
        } } }`,
    );
    expect(jobExecution).toMatchObject({
      __typename: 'JobExecution',
      status: 'IN_PROGRESS',
      statusDetails: [{ key: 'progress', value: '75' }],
      jobDocument: { operation: 'install-patch', patch: 'SP-7' },
      thing: {
        thingName: 'gateway-001',
        attributes: [
          { name: 'model', value: 'G5' },
          { name: 'site', value: 'lisbon' },
        ],
      },
      job: { jobId: 'security-patch-7', description: 'Install security patch 7' },
    });
    expect(jobExecution.approximateSecondsBeforeTimedOut).toBeGreaterThan(0);
    expect(JSON.parse(jobExecution.jobDocumentRaw)).toEqual(jobExecution.jobDocument);
    // Both document fields share one GetJobDocument.
    expect(callsByOperation(gw)).toEqual({
      DescribeJobExecution: 1,
      GetJobDocument: 1,
      DescribeThing: 1,
      DescribeJob: 1,
    });
  });
});
