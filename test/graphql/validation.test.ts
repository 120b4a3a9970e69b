import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type TestGateway } from '../support/gateway.js';
import { CANCEL, DELETE, UPDATE } from '../support/operations.js';

// Every input rule of the AWS model and docs, checked over HTTP: each violation must come back as
// InvalidRequestError naming the field, with ZERO calls to the upstream.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ seed: seedWith([{ jobId: 'job-1', thingName: 'dev-1' }]) });
});
afterAll(() => gw.close());
beforeEach(() => gw.emulator.resetCalls());

type Op = 'cancel' | 'delete' | 'update';
const documents = { cancel: CANCEL, delete: DELETE, update: UPDATE };
const fields = { cancel: 'cancelJobExecution', delete: 'deleteJobExecution', update: 'updateJobExecution' };
const valid: Record<Op, Record<string, unknown>> = {
  cancel: { jobId: 'job-1', thingName: 'dev-1' },
  delete: { jobId: 'job-1', thingName: 'dev-1', executionNumber: 1 },
  update: { jobId: 'job-1', thingName: 'dev-1', status: 'IN_PROGRESS' },
};

const details = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
const ops: Op[] = ['cancel', 'delete', 'update'];
const withDetails: Op[] = ['cancel', 'update'];
const withExpectedVersion: Op[] = ['cancel', 'update'];

type Case = [label: string, op: Op, patch: Record<string, unknown>, path: string[]];
const cases: Case[] = [
  ...ops.flatMap((op): Case[] => [
    [`${op}: empty jobId`, op, { jobId: '' }, ['input', 'jobId']],
    [`${op}: jobId of 65 characters`, op, { jobId: 'j'.repeat(65) }, ['input', 'jobId']],
    [`${op}: jobId with a space`, op, { jobId: 'job 1' }, ['input', 'jobId']],
    [`${op}: jobId with a slash (path traversal)`, op, { jobId: '../jobs' }, ['input', 'jobId']],
    [`${op}: jobId $next`, op, { jobId: '$next' }, ['input', 'jobId']],
    [`${op}: empty thingName`, op, { thingName: '' }, ['input', 'thingName']],
    [`${op}: thingName of 129 characters`, op, { thingName: 't'.repeat(129) }, ['input', 'thingName']],
    [`${op}: thingName with a slash`, op, { thingName: 'dev/1' }, ['input', 'thingName']],
    [`${op}: thingName with a non-ASCII letter`, op, { thingName: 'dév' }, ['input', 'thingName']],
  ]),
  ...withDetails.flatMap((op): Case[] => [
    [`${op}: 11 statusDetails`, op, { statusDetails: details(11) }, ['input', 'statusDetails']],
    [
      `${op}: empty detail key`,
      op,
      { statusDetails: [{ key: '', value: 'v' }] },
      ['input', 'statusDetails', '0', 'key'],
    ],
    [
      `${op}: detail key of 129 characters`,
      op,
      { statusDetails: [{ key: 'k'.repeat(129), value: 'v' }] },
      ['input', 'statusDetails', '0', 'key'],
    ],
    [
      `${op}: detail key with a space`,
      op,
      { statusDetails: [{ key: 'a b', value: 'v' }] },
      ['input', 'statusDetails', '0', 'key'],
    ],
    [
      `${op}: empty detail value`,
      op,
      { statusDetails: [{ key: 'k', value: '' }] },
      ['input', 'statusDetails', '0', 'value'],
    ],
    [
      `${op}: detail value of 1025 characters`,
      op,
      { statusDetails: [...details(3), { key: 'x', value: 'v'.repeat(1025) }] },
      ['input', 'statusDetails', '3', 'value'],
    ],
    [
      `${op}: detail value with a control character`,
      op,
      { statusDetails: [{ key: 'k', value: 'a\u0007b' }] },
      ['input', 'statusDetails', '0', 'value'],
    ],
    [
      `${op}: detail value with a newline`,
      op,
      { statusDetails: [{ key: 'k', value: 'a\nb' }] },
      ['input', 'statusDetails', '0', 'value'],
    ],
    [
      `${op}: detail value with a format character (ZWJ)`,
      op,
      { statusDetails: [{ key: 'k', value: 'a\u200db' }] },
      ['input', 'statusDetails', '0', 'value'],
    ],
    [
      `${op}: detail value with a private-use character`,
      op,
      { statusDetails: [{ key: 'k', value: '\ue000' }] },
      ['input', 'statusDetails', '0', 'value'],
    ],
    [
      `${op}: detail value with a lone surrogate`,
      op,
      { statusDetails: [{ key: 'k', value: 'a\ud800' }] },
      ['input', 'statusDetails', '0', 'value'],
    ],
    [
      `${op}: duplicate detail keys`,
      op,
      {
        statusDetails: [
          { key: 'k', value: '1' },
          { key: 'k', value: '2' },
        ],
      },
      ['input', 'statusDetails', '1', 'key'],
    ],
  ]),
  ...withExpectedVersion.flatMap((op): Case[] => [
    [`${op}: negative expectedVersion`, op, { expectedVersion: -1 }, ['input', 'expectedVersion']],
    [`${op}: expectedVersion beyond 2^53`, op, { expectedVersion: 2 ** 60 }, ['input', 'expectedVersion']],
  ]),
  ['delete: executionNumber 0', 'delete', { executionNumber: 0 }, ['input', 'executionNumber']],
  ['delete: negative executionNumber', 'delete', { executionNumber: -3 }, ['input', 'executionNumber']],
  [
    'delete: executionNumber beyond 2^53',
    'delete',
    { executionNumber: 2 ** 60 },
    ['input', 'executionNumber'],
  ],
  ['delete: empty namespaceId', 'delete', { namespaceId: '' }, ['input', 'namespaceId']],
  ['delete: namespaceId with a colon', 'delete', { namespaceId: 'aws:greengrass' }, ['input', 'namespaceId']],
  ['update: executionNumber 0', 'update', { executionNumber: 0 }, ['input', 'executionNumber']],
  [
    'update: stepTimeoutInMinutes 0',
    'update',
    { stepTimeoutInMinutes: 0 },
    ['input', 'stepTimeoutInMinutes'],
  ],
  [
    'update: stepTimeoutInMinutes 10081',
    'update',
    { stepTimeoutInMinutes: 10_081 },
    ['input', 'stepTimeoutInMinutes'],
  ],
  [
    'update: stepTimeoutInMinutes -2',
    'update',
    { stepTimeoutInMinutes: -2 },
    ['input', 'stepTimeoutInMinutes'],
  ],
  ...(['QUEUED', 'CANCELED', 'TIMED_OUT', 'REMOVED'] as const).map((status): Case => [
    `update: status ${status} (not a device status)`,
    'update',
    { status },
    ['input', 'status'],
  ]),
];

describe('input validation before any AWS call', () => {
  it.each(cases)('%s', async (_label, op, patch, path) => {
    const res = await gw.gql(documents[op], { input: { ...valid[op], ...patch } });
    expect(res.status).toBe(200);
    const result = res.body.data[fields[op]];
    expect(result).toMatchObject({
      __typename: 'InvalidRequestError',
      retryable: false,
      upstreamRequestId: null,
    });
    expect(result.fieldErrors.map((e: { path: string[] }) => e.path)).toEqual([path]);
    expect(result.fieldErrors[0].message).toEqual(expect.any(String));
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('reports every offending field at once', async () => {
    const res = await gw.gql(UPDATE, {
      input: {
        jobId: 'bad job',
        thingName: '',
        status: 'QUEUED',
        statusDetails: [
          { key: 'ok', value: 'v' },
          { key: 'bad key', value: '' },
        ],
        stepTimeoutInMinutes: 0,
        expectedVersion: -1,
        executionNumber: 0,
      },
    });
    const paths = res.body.data.updateJobExecution.fieldErrors.map((e: { path: string[] }) =>
      e.path.join('.'),
    );
    expect(paths.sort()).toEqual(
      [
        'input.jobId',
        'input.thingName',
        'input.status',
        'input.statusDetails.1.key',
        'input.statusDetails.1.value',
        'input.stepTimeoutInMinutes',
        'input.expectedVersion',
        'input.executionNumber',
      ].sort(),
    );
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('accepts the boundary values (then calls AWS)', async () => {
    const res = await gw.gql(UPDATE, {
      input: {
        jobId: 'job-1',
        thingName: 'dev-1',
        status: 'IN_PROGRESS',
        statusDetails: [...details(9), { key: 'k'.repeat(128), value: 'v'.repeat(1024) }],
        stepTimeoutInMinutes: 10_080,
        expectedVersion: 1,
      },
    });
    expect(res.body.data.updateJobExecution.__typename).toBe('UpdateJobExecutionSuccess');
    expect(gw.upstreamCalls('UpdateJobExecution')).toBe(1);
  });

  it('null optional members mean "omitted"', async () => {
    const res = await gw.gql(CANCEL, {
      input: { ...valid.cancel, jobId: 'nope', force: null, expectedVersion: null, statusDetails: null },
    });
    expect(res.body.data.cancelJobExecution.__typename).toBe('ResourceNotFoundError');
  });
});

describe('type-level rejections (GraphQL coercion) also never reach AWS', () => {
  it.each([
    ['status SUCCESS (seed wording, not an enum value)', UPDATE, { ...valid.update, status: 'SUCCESS' }],
    ['a fractional Long', DELETE, { ...valid.delete, executionNumber: 1.5 }],
    ['a string Long', CANCEL, { ...valid.cancel, expectedVersion: '3' }],
    ['a missing required member', DELETE, { jobId: 'job-1', thingName: 'dev-1' }],
  ])('%s → 400 BAD_USER_INPUT', async (_label, document, input) => {
    const res = await gw.gql(document, { input });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.upstreamCalls()).toBe(0);
  });
});
