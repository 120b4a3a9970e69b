import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isJsonContentType, readJsonBody, type BodyResult } from '../../src/http/readJsonBody.js';

const LIMIT = 1024;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    void readJsonBody(req, LIMIT).then((result) => res.end(JSON.stringify(result)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

/** Sends one request and returns what readJsonBody made of it. */
function post(body: Buffer | string | undefined, headers: Record<string, string>, method = 'POST') {
  return new Promise<BodyResult>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text) as BodyResult));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const document = JSON.stringify({ query: '{ ping }' });

describe('readJsonBody', () => {
  it('parses a JSON object, whatever the parameters of application/json', async () => {
    expect(await post(document, JSON_TYPE)).toEqual({ ok: true, body: { query: '{ ping }' } });
    expect(await post(document, { 'content-type': 'Application/JSON; charset=utf-8' })).toEqual({
      ok: true,
      body: { query: '{ ping }' },
    });
  });

  it('leaves a body that is not JSON, or a request without a body, to Apollo', async () => {
    expect(await post(document, { 'content-type': 'text/plain' })).toEqual({ ok: true });
    expect(await post(undefined, JSON_TYPE, 'GET')).toEqual({ ok: true });
  });

  it('reads an empty JSON body as {} so Apollo can say what is missing', async () => {
    expect(await post('', { ...JSON_TYPE, 'content-length': '0' })).toEqual({ ok: true, body: {} });
    expect(await post(' \r\n\t ', JSON_TYPE)).toEqual({ ok: true, body: {} });
    // Only JSON's four whitespace characters count as nothing; a no-break space is not JSON at all.
    expect(await post('\u00a0', JSON_TYPE)).toMatchObject({ ok: false, status: 400 });
    expect(await post(' \n {"query":"{ ping }"}', JSON_TYPE)).toEqual({
      ok: true,
      body: { query: '{ ping }' },
    });
  });

  it('accepts only an object or an array at the top level, and only valid JSON', async () => {
    expect(await post('"text"', JSON_TYPE)).toMatchObject({ ok: false, status: 400 });
    expect(await post('42', JSON_TYPE)).toMatchObject({ ok: false, status: 400 });
    expect(await post('{"query":', JSON_TYPE)).toMatchObject({ ok: false, status: 400 });
    expect(await post('[{"query":"{ ping }"}]', JSON_TYPE)).toEqual({
      ok: true,
      body: [{ query: '{ ping }' }],
    });
  });

  it('inflates gzip, deflate and br bodies', async () => {
    const encodings = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
    for (const [encoding, compress] of Object.entries(encodings)) {
      const result = await post(compress(document), { ...JSON_TYPE, 'content-encoding': encoding });
      expect(result, encoding).toEqual({ ok: true, body: { query: '{ ping }' } });
    }
  });

  it('refuses an unknown content encoding with 415 and a broken compressed body with 400', async () => {
    expect(await post(document, { ...JSON_TYPE, 'content-encoding': 'compress' })).toEqual({
      ok: false,
      status: 415,
      message: 'Unsupported content encoding',
    });
    expect(await post('not gzip', { ...JSON_TYPE, 'content-encoding': 'gzip' })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('applies the limit to the declared length, to chunked bodies and to the inflated size', async () => {
    const big = JSON.stringify({ query: '{ ping }', pad: 'x'.repeat(LIMIT) });
    const tooLarge = { ok: false, status: 413, message: 'Request body too large' };
    expect(await post(big, JSON_TYPE)).toEqual(tooLarge);
    expect(await post(big, { ...JSON_TYPE, 'transfer-encoding': 'chunked' })).toEqual(tooLarge);
    // Small on the wire, over the limit once inflated: a decompression bomb stops at the limit.
    const bomb = gzipSync(big);
    expect(bomb.length).toBeLessThan(LIMIT);
    expect(await post(bomb, { ...JSON_TYPE, 'content-encoding': 'gzip' })).toEqual(tooLarge);
  });
});

describe('isJsonContentType', () => {
  it('matches application/json only', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType(' application/json ; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/graphql-response+json')).toBe(false);
    expect(isJsonContentType('text/json')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});
