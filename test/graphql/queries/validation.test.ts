import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/domain/cursors.js';
import { listScope } from '../../../src/graphql/resolvers/connections.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

// Every read-side argument rule is enforced by the gateway before AWS hears of the request.

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ seed: 'demo' });
});
afterAll(() => gw.close());
beforeEach(() => gw.emulator.resetCalls());

const otherThingCursor = encodeCursor(listScope('thing-executions', 'thermostat-001', null), {
  token: null,
  skip: 1,
});
const jobsCursor = encodeCursor(listScope('jobs', null), { token: null, skip: 1 });
const nodeId = (raw: string) => Buffer.from(raw).toString('base64url');

describe('nested fields: null plus a BAD_USER_INPUT error naming each argument', () => {
  it.each([
    ['first: 0', { first: 0 }, [['first']]],
    ['first: 251', { first: 251 }, [['first']]],
    ['first: -5', { first: -5 }, [['first']]],
    ['a garbage cursor', { after: 'not a cursor!' }, [['after']]],
    ['a cursor of another thing', { after: otherThingCursor }, [['after']]],
    ['a cursor of another list type', { after: jobsCursor }, [['after']]],
    ['both at once', { first: 1000, after: 'x' }, [['first'], ['after']]],
  ])('Thing.jobExecutions with %s', async (_label, variables, paths) => {
    const res = await gw.gql(
      `query($first: Int, $after: String) { thing(name: "thermostat-002") { thingName jobExecutions(first: $first, after: $after) { edges { cursor } } } }`,
      variables,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.thing).toEqual({ thingName: 'thermostat-002', jobExecutions: null });
    expect(res.body.errors).toHaveLength(1);
    const [error] = res.body.errors;
    expect(error.path).toEqual(['thing', 'jobExecutions']);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fieldErrors.map((f: { path: string[] }) => f.path)).toEqual(paths);
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('Job.executions checks the same rules', async () => {
    const res = await gw.gql(
      'query($first: Int) { jobExecution(jobId: "firmware-update-v2", thingName: "thermostat-001") { ... on JobExecution { job { executions(first: $first) { edges { cursor } } } } } }',
      { first: 300 },
    );
    expect(res.body.errors[0]).toMatchObject({
      path: ['jobExecution', 'job', 'executions'],
      extensions: {
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: ['first'], message: 'must be between 1 and 250' }],
      },
    });
  });

  it.each([
    ['an empty name', ''],
    ['a name with a space', 'thermo 1'],
    ['a name of 129 characters', 'x'.repeat(129)],
  ])('Query.thing with %s', async (_label, name) => {
    const res = await gw.gql('query($name: String!) { thing(name: $name) { thingName } }', { name });
    expect(res.body.data.thing).toBeNull();
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: ['name'] }],
    });
    expect(gw.upstreamCalls()).toBe(0);
  });

  it.each([
    ['no names', [], [['names']]],
    ['101 names', Array.from({ length: 101 }, (_, i) => `t${i}`), [['names']]],
    [
      'bad names at positions 1 and 3',
      ['ok-1', 'bad name', 'ok-2', ''],
      [
        ['names', '1'],
        ['names', '3'],
      ],
    ],
  ])('Query.things with %s', async (_label, names, paths) => {
    const res = await gw.gql('query($names: [String!]!) { things(names: $names) { thingName } }', { names });
    expect(res.body.data.things).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].extensions.fieldErrors.map((f: { path: string[] }) => f.path)).toEqual(paths);
    expect(gw.upstreamCalls()).toBe(0);
  });

  it.each([
    ['garbage', 'garbage!'],
    ['an unknown type', nodeId('Device:thermostat-001')],
    ['a job id that is too long', nodeId(`Job:${'j'.repeat(65)}`)],
    ['a thing name that is too long', nodeId(`Thing:${'t'.repeat(129)}`)],
    ['a non-canonical spelling', `${nodeId('Job:firmware-update-v2')}=`],
  ])('Query.node with %s', async (_label, id) => {
    const res = await gw.gql('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(res.body.data.node).toBeNull();
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: ['id'] }],
    });
    expect(gw.upstreamCalls()).toBe(0);
  });
});

describe('root fields with result unions: InvalidRequestError with fieldErrors', () => {
  it('jobExecution lists every bad argument', async () => {
    const res = await gw.gql(
      `{ jobExecution(jobId: "bad id", thingName: "", executionNumber: 0) {
          __typename ... on InvalidRequestError { message retryable upstreamRequestId fieldErrors { path message } } } }`,
    );
    expect(res.body.data.jobExecution).toMatchObject({
      __typename: 'InvalidRequestError',
      retryable: false,
      upstreamRequestId: null,
      fieldErrors: [
        { path: ['jobId'], message: expect.stringContaining('letters, digits') },
        { path: ['thingName'], message: 'must not be empty' },
        { path: ['executionNumber'], message: 'must be 1 or more' },
      ],
    });
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('job rejects a bad id', async () => {
    const res = await gw.gql(
      '{ job(id: "way-too-long-job-id-way-too-long-job-id-way-too-long-job-id-way-too-long") { __typename ... on InvalidRequestError { fieldErrors { path } } } }',
    );
    expect(res.body.data.job).toEqual({ __typename: 'InvalidRequestError', fieldErrors: [{ path: ['id'] }] });
    expect(gw.upstreamCalls()).toBe(0);
  });

  it.each([
    [{ first: 0 }, [['first']]],
    [{ first: 251 }, [['first']]],
    [{ after: otherThingCursor }, [['after']]],
    [{ after: '@@@' }, [['after']]],
  ])('jobs rejects %j', async (variables, paths) => {
    const res = await gw.gql(
      'query($first: Int, $after: String) { jobs(first: $first, after: $after) { __typename ... on InvalidRequestError { fieldErrors { path } } } }',
      variables,
    );
    expect(res.body.data.jobs.__typename).toBe('InvalidRequestError');
    expect(res.body.data.jobs.fieldErrors.map((f: { path: string[] }) => f.path)).toEqual(paths);
    expect(gw.upstreamCalls()).toBe(0);
  });
});
