import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReadAuthGateway, type ReadAuthGateway } from './readAuthSupport.js';

// A thing-group rule end to end: the emulator's thing groups (demo seed: building-a holds thermostat-001,
// thermostat-002 and camera-001) decide cancel, update and read; outsiders get the answer a missing
// thing gets, before any call that could tell whether it exists.

const STAFF = ['building-a-staff'];
const CONTRACTOR = ['building-a-staff', 'contractors'];

const ANSWER = `
  __typename
  ... on AccessDeniedError { message retryable upstreamRequestId }
  ... on ResourceNotFoundError { message retryable upstreamRequestId }
  ... on Error { message }`;
const CANCEL = `mutation ($input: CancelJobExecutionInput!) { cancelJobExecution(input: $input) {
  ${ANSWER} ... on CancelJobExecutionSuccess { jobId thingName execution { status } } } }`;
const UPDATE = `mutation ($input: UpdateJobExecutionInput!) { updateJobExecution(input: $input) {
  ${ANSWER} ... on UpdateJobExecutionSuccess { execution { status } } } }`;
const DELETE = `mutation ($input: DeleteJobExecutionInput!) { deleteJobExecution(input: $input) { ${ANSWER} } }`;
const READ = `query ($jobId: String!, $thingName: String!) { jobExecution(jobId: $jobId, thingName: $thingName) {
  __typename ... on ResourceNotFoundError { message retryable upstreamRequestId } ... on JobExecution { status } } }`;

const DENIED = {
  __typename: 'AccessDeniedError',
  message: 'You are not allowed to perform this operation on this thing.',
  retryable: false,
  upstreamRequestId: null,
};

let ra: ReadAuthGateway;
beforeAll(async () => {
  ra = await startReadAuthGateway();
});
afterAll(() => ra?.close());
beforeEach(() => ra.gw.emulator.resetCalls());

describe('a member of building-a', () => {
  it('may cancel a queued execution and read it back', async () => {
    const res = await ra.as(STAFF, CANCEL, {
      input: { jobId: 'config-rollout-42', thingName: 'thermostat-001' },
    });
    expect(res.body.data.cancelJobExecution).toEqual({
      __typename: 'CancelJobExecutionSuccess',
      jobId: 'config-rollout-42',
      thingName: 'thermostat-001',
      execution: { status: 'CANCELED' },
    });
    expect(ra.gw.upstreamCalls('CancelJobExecution')).toBe(1);
  });

  it('may update an execution as its device', async () => {
    const res = await ra.as(STAFF, UPDATE, {
      input: { jobId: 'firmware-update-v2', thingName: 'thermostat-002', status: 'SUCCEEDED' },
    });
    expect(res.body.data.updateJobExecution).toEqual({
      __typename: 'UpdateJobExecutionSuccess',
      execution: { status: 'SUCCEEDED' },
    });
  });

  it('may read it', async () => {
    const res = await ra.as(STAFF, READ, { jobId: 'security-patch-7', thingName: 'thermostat-002' });
    expect(res.body.data.jobExecution).toEqual({ __typename: 'JobExecution', status: 'QUEUED' });
  });

  it('gets only the actions the rule lists: no delete, no force', async () => {
    const del = await ra.as(STAFF, DELETE, {
      input: { jobId: 'camera-reboot', thingName: 'camera-001', executionNumber: 1 },
    });
    expect(del.body.data.deleteJobExecution).toEqual(DENIED);
    const forced = await ra.as(STAFF, CANCEL, {
      input: { jobId: 'camera-reboot', thingName: 'camera-001', force: true },
    });
    expect(forced.body.data.cancelJobExecution).toEqual(DENIED);
    expect(ra.dataCalls()).toBe(0);
  });
});

describe('a thing outside building-a', () => {
  // thermostat-004's firmware execution is QUEUED and gateway-001's security patch IN_PROGRESS: both
  // could be changed if the policy allowed it; ghost-9 does not exist at all.
  const cases = [
    ['cancel', CANCEL, 'cancelJobExecution', { jobId: 'firmware-update-v2', thingName: 'thermostat-004' }],
    [
      'update',
      UPDATE,
      'updateJobExecution',
      { jobId: 'security-patch-7', thingName: 'gateway-001', status: 'SUCCEEDED' },
    ],
  ] as const;

  it.each(cases)(
    '%s is denied exactly like a missing thing, with no call but the group lookup',
    async (_name, doc, field, input) => {
      const existing = await ra.as(STAFF, doc, { input });
      const missingThing = await ra.as(STAFF, doc, { input: { ...input, thingName: 'ghost-9' } });
      const missingJob = await ra.as(STAFF, doc, { input: { ...input, jobId: 'no-such-job' } });
      expect(existing.body.data[field]).toEqual(DENIED);
      expect(missingThing.body).toEqual(existing.body);
      expect(missingJob.body).toEqual(existing.body);
      expect(existing.status).toBe(missingThing.status);
      expect(ra.dataCalls()).toBe(0);
      expect(ra.gw.upstreamCalls('ListThingGroupsForThing')).toBeGreaterThan(0);
    },
  );

  it('read is answered like a missing execution, the same for a missing thing', async () => {
    const existing = await ra.as(STAFF, READ, { jobId: 'security-patch-7', thingName: 'gateway-001' });
    const missing = await ra.as(STAFF, READ, { jobId: 'security-patch-7', thingName: 'ghost-9' });
    expect(existing.body.data.jobExecution).toEqual({
      __typename: 'ResourceNotFoundError',
      message: 'No job execution of job "security-patch-7" on thing "gateway-001" was found.',
      retryable: false,
      upstreamRequestId: null,
    });
    expect(missing.body.data.jobExecution).toEqual({
      ...existing.body.data.jobExecution,
      message: 'No job execution of job "security-patch-7" on thing "ghost-9" was found.',
    });
    expect(ra.dataCalls()).toBe(0);
  });

  it('stays unchanged after the denied attempts', async () => {
    const admin = await ra.as(['thermostat-team'], READ, {
      jobId: 'firmware-update-v2',
      thingName: 'thermostat-004',
    });
    expect(admin.body.data.jobExecution).toEqual({ __typename: 'JobExecution', status: 'QUEUED' });
  });
});

describe('a deny rule on a thing group', () => {
  it('wins over the building-a allow for members of beta-testers only', async () => {
    const beta = await ra.as(CONTRACTOR, READ, { jobId: 'firmware-update-v2', thingName: 'thermostat-001' });
    expect(beta.body.data.jobExecution.__typename).toBe('ResourceNotFoundError');
    const other = await ra.as(CONTRACTOR, READ, { jobId: 'camera-reboot', thingName: 'camera-001' });
    expect(other.body.data.jobExecution).toEqual({ __typename: 'JobExecution', status: 'CANCELED' });
  });
});
