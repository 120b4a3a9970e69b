import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type GqlBody, type TestGateway } from '../support/gateway.js';

// The bad-input matrix through the real HTTP stack: every request is refused with the right status and a
// typed error, and nothing reaches the upstream (counted at the emulator).

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({
    seed: seedWith([{ jobId: 'j1', thingName: 'dev-1' }]),
    env: { GRAPHQL_MAX_DEPTH: '3' },
  });
});
afterAll(() => gw?.close());
beforeEach(() => gw.emulator.resetCalls());

interface Raw {
  status: number;
  headers: Headers;
  body: GqlBody;
}

async function raw(init: RequestInit & { search?: string }): Promise<Raw> {
  const res = await fetch(`${gw.url}${init.search ?? ''}`, init);
  const text = await res.text();
  let body: GqlBody = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, headers: res.headers, body };
}

const post = (body: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
  raw({ method: 'POST', headers: { 'content-type': contentType, ...headers }, body });

const CANCEL_DEEP = `mutation { cancelJobExecution(input: { jobId: "j1", thingName: "dev-1" }) {
  ... on CancelJobExecutionSuccess { execution { statusDetails { key } } } } }`;
const aliases = (n: number) =>
  `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: cancelJobExecution(input: { jobId: "j1", thingName: "dev-1" }) { __typename }`).join(' ')} }`;

const cases: [string, () => Promise<Raw>, number, string][] = [
  ['too deep', () => post(JSON.stringify({ query: CANCEL_DEEP })), 400, 'GRAPHQL_VALIDATION_FAILED'],
  [
    'too deep through a fragment named __schema',
    () =>
      post(
        JSON.stringify({
          query: `mutation { cancelJobExecution(input: { jobId: "j1", thingName: "dev-1" }) { ...__schema } }
            fragment __schema on CancelJobExecutionSuccess { execution { statusDetails { key } } }`,
        }),
      ),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['101 aliases', () => post(JSON.stringify({ query: aliases(101) })), 400, 'GRAPHQL_VALIDATION_FAILED'],
  [
    '__typename ×5000 (token flood)',
    () => post(JSON.stringify({ query: `mutation { ${'__typename '.repeat(5000)} }` })),
    400,
    'GRAPHQL_PARSE_FAILED',
  ],
  [
    'directive overloading',
    () =>
      post(
        JSON.stringify({
          query: `mutation { cancelJobExecution(input: { jobId: "j1", thingName: "dev-1" }) { ${'__typename @include(if: true) '.repeat(60)} } }`,
        }),
      ),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'fragment cycle',
    () =>
      post(
        JSON.stringify({
          query:
            'mutation { cancelJobExecution(input: { jobId: "j1", thingName: "dev-1" }) { ...A } } fragment A on CancelJobExecutionSuccess { ...B } fragment B on CancelJobExecutionSuccess { ...A }',
        }),
      ),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a 1 MB body',
    () => post(JSON.stringify({ query: `mutation { ${'__typename '.repeat(100_000)} }` })),
    413,
    'BAD_REQUEST',
  ],
  ['malformed JSON', () => post('{"query": "mutation { __typename }"'), 400, 'BAD_REQUEST'],
  [
    'a UTF-7 charset',
    () => post(JSON.stringify({ query: aliases(1) }), 'application/json; charset=utf-7'),
    415,
    'BAD_REQUEST',
  ],
  [
    'an iso-2022-jp charset',
    () => post(JSON.stringify({ query: aliases(1) }), 'application/json; charset=iso-2022-jp'),
    415,
    'BAD_REQUEST',
  ],
  [
    'batched array of 10 operations',
    () => post(JSON.stringify(Array.from({ length: 10 }, () => ({ query: aliases(1) })))),
    400,
    'BAD_REQUEST',
  ],
  [
    'POST text/plain (CSRF)',
    () => post(JSON.stringify({ query: aliases(1) }), 'text/plain'),
    400,
    'BAD_REQUEST',
  ],
  ['POST application/xml', () => post('<query/>', 'application/xml'), 400, 'BAD_REQUEST'],
  [
    'GET mutation',
    () =>
      raw({
        method: 'GET',
        search: `?query=${encodeURIComponent(aliases(1))}`,
        headers: { 'apollo-require-preflight': 'true' },
      }),
    405,
    'BAD_REQUEST',
  ],
  [
    'GET without a CSRF header',
    () => raw({ method: 'GET', search: `?query=${encodeURIComponent('{ ping }')}` }),
    400,
    'BAD_REQUEST',
  ],
  [
    'GET with a message/* content type',
    () =>
      raw({
        method: 'GET',
        search: `?query=${encodeURIComponent('{ ping }')}`,
        headers: { 'content-type': 'message/http', 'apollo-require-preflight': 'true' },
      }),
    415,
    'BAD_REQUEST',
  ],
  [
    'variables of the wrong type',
    () =>
      post(
        JSON.stringify({
          query: 'mutation($i: CancelJobExecutionInput!) { cancelJobExecution(input: $i) { __typename } }',
          variables: { i: { jobId: 5 } },
        }),
      ),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'variables that are not an object',
    () =>
      post(
        JSON.stringify({
          query: 'mutation($i: CancelJobExecutionInput!) { cancelJobExecution(input: $i) { __typename } }',
          variables: '{"i":{}}',
        }),
      ),
    400,
    'BAD_REQUEST',
  ],
  [
    'an invalid Idempotency-Key',
    () =>
      post(JSON.stringify({ query: aliases(1) }), 'application/json', {
        'idempotency-key': 'has spaces in it',
      }),
    400,
    'BAD_REQUEST',
  ],
];

describe('bad input never reaches a resolver or AWS', () => {
  it.each(cases)('%s', async (_name, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body?.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.body?.data ?? undefined).toBeUndefined();
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('still runs the same mutation when it is well-formed (the matrix is not vacuous)', async () => {
    const res = await post(JSON.stringify({ query: aliases(1) }));
    expect(res.status).toBe(200);
    expect(res.body.data.a0.__typename).toBe('CancelJobExecutionSuccess');
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
  });
});

describe('production hardening', () => {
  let prod: TestGateway;
  beforeAll(async () => {
    prod = await startTestGateway({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => prod?.close());

  it('hides field suggestions and refuses introspection', async () => {
    const misspelled = await prod.gql('{ pnig }');
    expect(misspelled.status).toBe(400);
    expect(JSON.stringify(misspelled.body)).not.toMatch(/Did you mean|ping/);
    const introspection = await prod.gql('{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
