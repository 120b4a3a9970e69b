import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERATION_NOT_TRUSTED,
  parseTrustedDocumentManifest,
  sha256Hex,
  trustedDocumentsPlugin,
} from '../../src/security/trustedDocuments.js';
import { startHarness, type Harness } from './apolloHarness.js';

const PING = 'query Ping { ping }';
const THING = 'query Thing($n: String!) { thing(name: $n) { name } }';
const manifestJson = JSON.stringify({ [sha256Hex(PING)]: PING, [sha256Hex(THING)]: THING });

describe('manifest parsing', () => {
  it('reads the plain hash → document format and the Apollo manifest format', () => {
    expect([...parseTrustedDocumentManifest(manifestJson).keys()]).toEqual([
      sha256Hex(PING),
      sha256Hex(THING),
    ]);
    const apollo = JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha256Hex(PING), body: PING, name: 'Ping', type: 'query' }],
    });
    expect(parseTrustedDocumentManifest(apollo).get(sha256Hex(PING))).toBe(PING);
  });

  it('rejects entries whose id is not the sha256 of their document', () => {
    const lying = JSON.stringify({ [sha256Hex(PING)]: 'mutation { touch(name: "x") }' });
    expect(() => parseTrustedDocumentManifest(lying, 'm.json')).toThrow(/m.json: entry .* is not the sha256/);
    expect(() => parseTrustedDocumentManifest('[1]')).toThrow(/JSON object/);
    expect(() => parseTrustedDocumentManifest('{')).toThrow(/not valid JSON/);
  });
});

describe('enforcement', () => {
  let h: Harness;
  const rejected: (string | undefined)[] = [];
  beforeAll(async () => {
    h = await startHarness({
      plugins: [
        trustedDocumentsPlugin({
          mode: 'enforce',
          manifest: parseTrustedDocumentManifest(manifestJson),
          onReject: ({ hash }) => rejected.push(hash),
        }),
      ],
    });
  });
  afterAll(() => h.stop());

  it('runs a manifest document sent as full text', async () => {
    const res = await h.post({ query: PING });
    expect(res).toEqual({ status: 200, json: { data: { ping: true } } });
  });

  it('runs a manifest document named by APQ hash or documentId, without its text', async () => {
    const byApq = await h.post({
      variables: { n: 'x' },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(THING) } },
    });
    expect(byApq).toEqual({ status: 200, json: { data: { thing: { name: 'x' } } } });
    const byDocumentId = await h.post({ documentId: `sha256:${sha256Hex(PING)}` });
    expect(byDocumentId).toEqual({ status: 200, json: { data: { ping: true } } });
  });

  it('rejects any other document with a typed 400 before parsing or resolving', async () => {
    const before = h.resolverCalls();
    const attempts = [
      { query: '{ ping }' }, // same operation, different text
      { query: 'mutation { touch(name: "x") }' },
      { query: '{ ' }, // would be a syntax error if it were parsed
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ ping }') } } },
      {
        query: '{ ping }',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ ping }') } },
      },
      { documentId: 'sha256:' + '0'.repeat(64) },
      { operationName: 'Ping' }, // names nothing at all
    ];
    for (const body of attempts) {
      const res = await h.post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe(OPERATION_NOT_TRUSTED);
    }
    expect(h.resolverCalls()).toBe(before);
    expect(rejected).toContain(sha256Hex('{ ping }'));
  });
});

describe('mode off', () => {
  it('adds no hooks, so any document runs', async () => {
    const plugin = trustedDocumentsPlugin({ mode: 'off', manifest: new Map() });
    expect(plugin).toEqual({});
    const h = await startHarness({ plugins: [plugin] });
    try {
      expect((await h.post({ query: '{ ping }' })).status).toBe(200);
    } finally {
      await h.stop();
    }
  });
});
