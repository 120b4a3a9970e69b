import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type TestGateway } from '../support/gateway.js';
import { UPDATE } from '../support/operations.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const STUDIO = 'https://studio.apollographql.com';

describe('development gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { NODE_ENV: 'development' } });
  });
  afterAll(() => gw.close());

  it('GET /healthz answers 200 without calling AWS', async () => {
    const res = await fetch(`${gw.origin}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('answers unknown paths with JSON 404 and other methods on the probes with 405', async () => {
    for (const path of ['/', '/nope', '/graphql/extra']) {
      const res = await fetch(`${gw.origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { errors: { extensions: unknown }[] };
      expect(body.errors[0]?.extensions).toEqual({
        code: 'NOT_FOUND',
        requestId: res.headers.get('x-request-id'),
      });
    }
    const post = await fetch(`${gw.origin}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    // Paths match as they did under Express: any case, with or without a trailing slash.
    expect((await fetch(`${gw.origin}/HealthZ/`)).status).toBe(200);
    expect((await gw.gql('{ ping }')).body).toEqual({ data: { ping: true } });
    const viaSlash = await fetch(`${gw.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ ping }"}',
    });
    expect(await viaSlash.json()).toEqual({ data: { ping: true } });
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('echoes a caller x-request-id and makes one up otherwise', async () => {
    const given = await gw.gql('{ ping }', undefined, { 'x-request-id': 'trace-42' });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    expect(given.body).toEqual({ data: { ping: true } });
    const made = await gw.gql('{ ping }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await gw.gql('{ ping }', undefined, { 'x-request-id': 'bad id\twith spaces' });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows introspection', async () => {
    const res = await gw.gql(INTROSPECTION);
    expect(res.body.data.__schema.queryType.name).toBe('Query');
  });

  it('offers Apollo Sandbox as the landing page', async () => {
    const res = await fetch(gw.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('embeddable-sandbox');
  });

  it('lets Apollo Studio call it from the browser (CORS)', async () => {
    const res = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: {
        origin: STUDIO,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(STUDIO);
    const other = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects batched requests', async () => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ ping }' }, { query: '{ ping }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('blocks CSRF-able requests: a GET mutation and a text/plain POST', async () => {
    const get = await fetch(`${gw.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(405);
    const plain = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ ping }"}',
    });
    expect(plain.status).toBe(400);
  });

  it('answers an oversized body with 413 JSON and a broken body with 400 JSON, never a stack', async () => {
    const big = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ping } # ${'x'.repeat(110_000)}` }),
    });
    expect(big.status).toBe(413);
    const bigText = await big.text();
    expect(JSON.parse(bigText).errors[0].message).toBe('Request body too large');
    const broken = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(broken.status).toBe(400);
    const brokenText = await broken.text();
    expect(brokenText).not.toMatch(/at .*\.js|<html|SyntaxError/);
    expect(JSON.parse(brokenText).errors[0].extensions.requestId).toEqual(broken.headers.get('x-request-id'));
  });

  it('keeps GraphQL validation errors as they are', async () => {
    const res = await gw.gql('{ nope }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(res.body.errors[0].message).toContain('nope');
    expect(res.body.errors[0].extensions.stacktrace).toBeUndefined();
  });
});

describe('production gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => gw.close());

  it('refuses introspection', async () => {
    const res = await gw.gql(INTROSPECTION);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves no landing page and no CORS grant', async () => {
    const res = await fetch(gw.url, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toContain('embeddable-sandbox');
    const pre = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: { origin: STUDIO, 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('can turn both back on explicitly', async () => {
    const open = await startTestGateway({
      env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_LANDING_PAGE: 'true' },
    });
    try {
      expect((await open.gql(INTROSPECTION)).body.data.__schema.queryType.name).toBe('Query');
      const page = await fetch(open.url, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('embeddable-sandbox');
    } finally {
      await open.close();
    }
  });
});

describe('unexpected upstream errors are masked', () => {
  // A wrong data-plane endpoint answers like AWS's default host does (reference §7): an error the
  // model does not know, whose text holds an ARN and an account id.
  let stub: Server;
  let gw: TestGateway;
  beforeAll(async () => {
    stub = createServer((req, res) => {
      req.resume();
      res.writeHead(403, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'AccessDeniedException',
        'x-amzn-requestid': 'stub-request-1',
      });
      res.end(
        JSON.stringify({
          message: 'User arn:aws:iam::123456789012:role/gateway is not authorized. Invalid endpoint.',
        }),
      );
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    gw = await startTestGateway({
      seed: seedWith([{ jobId: 'job-1', thingName: 'dev-1' }]),
      env: { AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE: stubUrl },
    });
  });
  afterAll(async () => {
    await gw.close();
    await new Promise((resolve) => stub.close(resolve));
  });

  it('returns "Unexpected error" with the request id: no stack, ARN, account id or AWS text', async () => {
    const res = await gw.gql(
      UPDATE,
      { input: { jobId: 'job-1', thingName: 'dev-1', status: 'IN_PROGRESS' } },
      { 'x-request-id': 'req-masked-1' },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      {
        message: 'Unexpected error',
        locations: expect.any(Array),
        path: ['updateJobExecution'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-masked-1' },
      },
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/123456789012|arn:aws|AccessDenied|stacktrace|authorized|\.ts:\d+/);
  });

  it('logs the cause once, with the request id', async () => {
    const before = gw.logs().filter((r) => r.msg?.startsWith('unexpected error')).length;
    await gw.gql(
      UPDATE,
      { input: { jobId: 'job-1', thingName: 'dev-1', status: 'IN_PROGRESS' } },
      { 'x-request-id': 'req-masked-2' },
    );
    const records = gw
      .logs()
      .filter((r) => r.msg?.startsWith('unexpected error'))
      .slice(before);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ level: 50, requestId: 'req-masked-2' });
    expect(JSON.stringify(records[0]!.err)).toContain('AccessDeniedException');
  });
});
