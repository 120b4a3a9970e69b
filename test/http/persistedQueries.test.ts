// Automatic persisted queries over GET, as Apollo Client's PersistedQueryLink({ useGETForHashedQueries: true })
// and the Apollo iOS/Kotlin clients send them, through csrfPrevention.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHQL_CACHE_CONTROL } from '../../src/http/cacheControl.js';
import { seedWith, startTestGateway, type GqlBody, type TestGateway } from '../support/gateway.js';
import { CANCEL_LEAN } from '../support/operations.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

// Apollo Client sends `content-type: application/json` on GET too, which is what satisfies csrfPrevention.
const APOLLO_CLIENT_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

async function getGraphQL(
  url: string,
  params: { query?: string; operationName?: string; variables?: unknown; extensions?: unknown },
  headers: Record<string, string> = APOLLO_CLIENT_HEADERS,
) {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined)
      target.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const res = await fetch(target, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlBody };
}

async function postGraphQL(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlBody };
}

describe('automatic persisted queries', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ seed: seedWith([{ jobId: 'job-1', thingName: 'thing-1' }]) });
  });
  afterAll(() => gw.close());

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, then serves it by GET once registered', async () => {
    const query = 'query ApqProbe { ping }';
    const miss = await getGraphQL(gw.url, { operationName: 'ApqProbe', extensions: persisted(query) });
    expect(miss.status).toBe(200);
    expect(miss.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
    expect(miss.headers.get('cache-control')).toMatch(/private/);

    // Apollo Client retries a miss by POST with the text and the hash, which registers it.
    const register = await postGraphQL(gw.url, {
      query,
      operationName: 'ApqProbe',
      extensions: persisted(query),
    });
    expect(register.body).toEqual({ data: { ping: true } });

    const hit = await getGraphQL(gw.url, { operationName: 'ApqProbe', extensions: persisted(query) });
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual({ data: { ping: true } });
    expect(hit.headers.get('cache-control')).toBe(GRAPHQL_CACHE_CONTROL);
  });

  it('rejects a hash that does not match the text sent with it', async () => {
    const res = await postGraphQL(gw.url, { query: '{ ping }', extensions: persisted('{ __typename }') });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('serves hashed GETs to mobile clients that send X-Apollo-Operation-Name instead of a JSON content type', async () => {
    const query = 'query MobileProbe { ping }';
    await postGraphQL(gw.url, { query, extensions: persisted(query) });
    const res = await getGraphQL(
      gw.url,
      { operationName: 'MobileProbe', extensions: persisted(query) },
      { 'x-apollo-operation-name': 'MobileProbe' },
    );
    expect(res).toMatchObject({ status: 200, body: { data: { ping: true } } });
  });

  it('refuses a GET that a browser could send cross-site without a preflight (csrfPrevention)', async () => {
    const query = 'query SimpleGet { ping }';
    await postGraphQL(gw.url, { query, extensions: persisted(query) });
    const res = await getGraphQL(gw.url, { extensions: persisted(query) }, {});
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/CSRF/);
    const simple = await getGraphQL(
      gw.url,
      { extensions: persisted(query) },
      { 'content-type': 'text/plain' },
    );
    expect(simple.status).toBe(400);
    // A non-simple type that is not JSON: preflighted, but still not how GraphQL GETs are sent.
    const odd = await getGraphQL(
      gw.url,
      { extensions: persisted(query) },
      { 'content-type': 'application/xml' },
    );
    expect(odd.status).toBe(415);
  });

  it('marks every GraphQL answer private and unstorable, POSTs included', async () => {
    const res = await gw.gql('{ ping }');
    expect(res.headers.get('cache-control')).toBe(GRAPHQL_CACHE_CONTROL);
  });

  it('refuses a mutation over GET (405), by text or by a registered hash, without calling AWS', async () => {
    const variables = { input: { jobId: 'job-1', thingName: 'thing-1' } };
    const registered = await postGraphQL(gw.url, {
      query: CANCEL_LEAN,
      variables,
      extensions: persisted(CANCEL_LEAN),
    });
    expect(registered.body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
    const callsBefore = gw.upstreamCalls();

    const byHash = await getGraphQL(gw.url, { variables, extensions: persisted(CANCEL_LEAN) });
    expect(byHash.status).toBe(405);
    expect(byHash.body.errors[0].message).toMatch(/GET requests only support query operations/);
    const byText = await getGraphQL(gw.url, { query: CANCEL_LEAN, variables });
    expect(byText.status).toBe(405);
    expect(gw.upstreamCalls()).toBe(callsBefore);
  });
});
