// TRUSTED_DOCUMENTS=off|allow|enforce end to end: a manifest file, clients naming documents by APQ hash or
// documentId (POST and GET), the Apollo Sandbox bypass outside production.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { seedWith, startTestGateway, type GqlBody, type TestGateway } from '../support/gateway.js';
import { CANCEL_LEAN } from '../support/operations.js';

const STATUS =
  'query Status($jobId: String!, $thingName: String!) { jobExecution(jobId: $jobId, thingName: $thingName) { __typename ... on JobExecution { status } ... on Error { message } } }';
const OUTSIDER = 'query Outsider { ping }';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const apq = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(text) } });
const vars = { jobId: 'job-1', thingName: 'thing-1' };
const SEED = seedWith([{ jobId: 'job-1', thingName: 'thing-1' }]);
const STUDIO = 'https://studio.apollographql.com';

async function send(
  gw: TestGateway,
  method: 'GET' | 'POST',
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const target = new URL(gw.url);
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (method === 'GET') {
    for (const [k, v] of Object.entries(params))
      target.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  } else {
    init.body = JSON.stringify(params);
  }
  const res = await fetch(target, init);
  return { status: res.status, body: (await res.json()) as GqlBody };
}

const codes = (body: GqlBody): unknown[] =>
  ((body.errors ?? []) as { extensions?: { code?: unknown } }[]).map((e) => e.extensions?.code);

let dir: string;
let sha256Manifest: string;
let presetManifest: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trusted-documents-'));
  // The two accepted shapes: `sha256:`-prefixed keys, and the client preset's persisted-documents.json.
  sha256Manifest = join(dir, 'trusted-documents.json');
  await writeFile(
    sha256Manifest,
    JSON.stringify({ [`sha256:${sha256(STATUS)}`]: STATUS, [`sha256:${sha256(CANCEL_LEAN)}`]: CANCEL_LEAN }),
  );
  presetManifest = join(dir, 'persisted-documents.json');
  await writeFile(presetManifest, JSON.stringify({ [sha256(STATUS)]: STATUS }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('TRUSTED_DOCUMENTS=enforce', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      seed: SEED,
      env: {
        NODE_ENV: 'development',
        TRUSTED_DOCUMENTS: 'enforce',
        TRUSTED_DOCUMENTS_MANIFEST: sha256Manifest,
      },
    });
  });
  afterAll(() => gw.close());

  it('runs a manifest query named by its hash alone, over GET and POST, without registering it first', async () => {
    const byGet = await send(gw, 'GET', {
      operationName: 'Status',
      variables: vars,
      extensions: apq(STATUS),
    });
    expect(byGet).toEqual({
      status: 200,
      body: { data: { jobExecution: { __typename: 'JobExecution', status: 'QUEUED' } } },
    });
    const byDocumentId = await send(gw, 'POST', { documentId: `sha256:${sha256(STATUS)}`, variables: vars });
    expect(byDocumentId.body).toEqual(byGet.body);
    const byDocumentIdGet = await send(gw, 'GET', {
      documentId: `sha256:${sha256(STATUS)}`,
      variables: vars,
    });
    expect(byDocumentIdGet.body).toEqual(byGet.body);
  });

  it('runs a manifest mutation by hash over POST, and still refuses it over GET', async () => {
    const input = { input: { jobId: 'job-1', thingName: 'thing-1' } };
    const overGet = await send(gw, 'GET', { variables: input, extensions: apq(CANCEL_LEAN) });
    expect(overGet.status).toBe(405);
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(0);
    const overPost = await send(gw, 'POST', { variables: input, extensions: apq(CANCEL_LEAN) });
    expect(overPost.body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
  });

  it('refuses every other document with OPERATION_NOT_TRUSTED (HTTP 400) and calls no resolver', async () => {
    const before = gw.upstreamCalls();
    for (const attempt of [
      { query: OUTSIDER },
      { query: OUTSIDER, extensions: apq(OUTSIDER) },
      { extensions: apq(OUTSIDER) },
      { query: STATUS.replace('Status', 'Renamed'), variables: vars },
    ]) {
      const res = await send(gw, 'POST', attempt);
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual(['OPERATION_NOT_TRUSTED']);
    }
    expect(gw.upstreamCalls()).toBe(before);
  });

  it('lets Apollo Sandbox run any document in development', async () => {
    const res = await send(gw, 'POST', { query: OUTSIDER }, { origin: STUDIO });
    expect(res).toEqual({ status: 200, body: { data: { ping: true } } });
  });
});

describe('TRUSTED_DOCUMENTS=enforce in production', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      seed: SEED,
      env: {
        NODE_ENV: 'production',
        TRUSTED_DOCUMENTS: 'enforce',
        TRUSTED_DOCUMENTS_MANIFEST: presetManifest,
      },
    });
  });
  afterAll(() => gw.close());

  it('reads the client preset manifest format and gives Sandbox no way around it', async () => {
    const trusted = await send(gw, 'GET', { variables: vars, extensions: apq(STATUS) });
    expect(trusted.body.data.jobExecution.status).toBe('QUEUED');
    const sandbox = await send(gw, 'POST', { query: OUTSIDER }, { origin: STUDIO });
    expect(sandbox.status).toBe(400);
    expect(codes(sandbox.body)).toEqual(['OPERATION_NOT_TRUSTED']);
  });
});

describe('TRUSTED_DOCUMENTS=allow', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      seed: SEED,
      logLevel: 'info',
      env: { TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_MANIFEST: sha256Manifest },
    });
  });
  afterAll(() => gw.close());

  it('runs manifest documents by hash alone and every other document as usual, logging the outsiders', async () => {
    const trusted = await send(gw, 'GET', { variables: vars, extensions: apq(STATUS) });
    expect(trusted.body.data.jobExecution.status).toBe('QUEUED');

    const outsider = await send(gw, 'POST', { query: OUTSIDER });
    expect(outsider.body).toEqual({ data: { ping: true } });
    // Apollo's own APQ cache still serves documents outside the manifest.
    const miss = await send(gw, 'GET', { extensions: apq('query Other { ping }') });
    expect(codes(miss.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);

    const allowed = gw.logs().filter((r) => r.msg === 'untrusted operation allowed');
    expect(allowed.map((r) => r.hash as unknown)).toEqual([sha256(OUTSIDER), sha256('query Other { ping }')]);
  });
});

describe('TRUSTED_DOCUMENTS=off (default)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ seed: SEED, env: { TRUSTED_DOCUMENTS_MANIFEST: sha256Manifest } });
  });
  afterAll(() => gw.close());

  it('ignores the manifest: a hash alone is an ordinary APQ miss', async () => {
    const res = await send(gw, 'GET', { variables: vars, extensions: apq(STATUS) });
    expect(codes(res.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('configuration', () => {
  it('needs a manifest for allow and enforce, and knows no other mode', () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'allow' })).toThrow(
      /TRUSTED_DOCUMENTS=allow needs TRUSTED_DOCUMENTS_MANIFEST/,
    );
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'strict' })).toThrow(ConfigError);
    expect(loadConfig({}).security.trustedDocuments.mode).toBe('off');
  });
});
