import { fc, test as propTest } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { seedWith, startTestGateway, type TestGateway } from '../support/gateway.js';
import { CANCEL, DELETE, UPDATE } from '../support/operations.js';

// Random inputs and random documents against the real stack: never a 5xx, never a crash or an unhandled rejection.

let gw: TestGateway;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  gw = await startTestGateway({ seed: seedWith([{ jobId: 'job-1', thingName: 'dev-1' }]), maxAttempts: 1 });
});
afterAll(async () => {
  await gw?.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const text = fc.oneof(
  fc.string({ maxLength: 140 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'dev-1',
    'job-1',
    '',
    '..',
    '../x',
    'a/b',
    'x'.repeat(129),
    '$next',
    'arn:aws:iot:x',
    '%2F',
    '\u0000',
    '\uD800',
  ),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const statusDetails = fc.oneof(fc.array(fc.record({ key: text, value: text }), { maxLength: 12 }), anyJson);

const cancelInput = fc.record(
  {
    jobId: text,
    thingName: text,
    force: fc.oneof(fc.boolean(), anyJson),
    expectedVersion: fc.oneof(fc.integer(), fc.double(), anyJson),
    statusDetails,
  },
  { requiredKeys: [] },
);
const deleteInput = fc.record(
  {
    jobId: text,
    thingName: text,
    executionNumber: fc.oneof(fc.integer(), fc.double(), anyJson),
    force: fc.boolean(),
    namespaceId: text,
  },
  { requiredKeys: [] },
);
const updateInput = fc.record(
  {
    jobId: text,
    thingName: text,
    status: fc.oneof(fc.constantFrom('IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CANCELED', 'SUCCESS'), text),
    statusDetails,
    stepTimeoutInMinutes: fc.oneof(fc.integer(), anyJson),
    expectedVersion: fc.integer(),
  },
  { requiredKeys: [] },
);

const expectNo5xx = (res: { status: number; body: unknown }) => {
  expect(res.status).toBeLessThan(500);
  expect(typeof res.body).toBe('object');
};

describe('fuzzing', () => {
  propTest.prop(
    [
      fc.oneof(
        fc.tuple(fc.constant(CANCEL), cancelInput),
        fc.tuple(fc.constant(DELETE), deleteInput),
        fc.tuple(fc.constant(UPDATE), updateInput),
      ),
    ],
    { numRuns: 150 },
  )('random mutation inputs get a typed answer, never a 5xx', async ([document, input]) => {
    const res = await gw.gql(document, { input });
    expectNo5xx(res);
    const body = res.body as {
      data?: Record<string, { __typename?: string }>;
      errors?: { extensions?: { code?: string } }[];
    };
    if (res.status === 200 && body.data) {
      expect(Object.values(body.data)[0]?.__typename).toMatch(/Success$|Error$/);
    } else {
      expect(body.errors?.[0]?.extensions?.code).toMatch(
        /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED|BAD_REQUEST/,
      );
    }
  });

  const tokens = fc.constantFrom(
    '{',
    '}',
    '(',
    ')',
    '...',
    'on',
    'mutation',
    'query',
    'fragment',
    'cancelJobExecution',
    'ping',
    '__typename',
    '__schema',
    'input:',
    '$x',
    '@include(if: true)',
    ':',
    '"s"',
    '1',
    'a',
    ',',
    '[',
    ']',
    '#',
  );
  const documents = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.array(tokens, { maxLength: 120 }).map((t) => t.join(' ')),
  );

  propTest.prop(
    [
      documents,
      fc.option(anyJson, { nil: undefined }),
      fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    ],
    { numRuns: 200 },
  )('random documents never produce a 5xx', async (query, variables, operationName) => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    expect(res.status).toBeLessThan(500);
    expect(typeof (await res.json())).toBe('object');
  });

  propTest.prop(
    [
      fc.string({ maxLength: 2000 }),
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/graphql',
        'application/json; charset=latin1',
        'multipart/form-data; boundary=x',
      ),
    ],
    { numRuns: 100 },
  )('random bodies and content types never produce a 5xx', async (body, contentType) => {
    const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(res.status).toBeLessThan(500);
    await res.arrayBuffer();
  });
});
