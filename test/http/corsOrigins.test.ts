// CORS_ORIGINS: web apps on other origins may call /graphql, including the preflighted GETs of APQ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const APP = 'https://fleet.example.com';

describe('CORS_ORIGINS', () => {
  it('parses a comma-separated list of exact origins, default none', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: `${APP}, http://localhost:5173` }).corsOrigins).toEqual([
      APP,
      'http://localhost:5173',
    ]);
    for (const bad of [`${APP}/`, `${APP}/app`, 'fleet.example.com', 'ftp://fleet.example.com']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(ConfigError);
    }
  });

  describe('on a production gateway', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway({ env: { NODE_ENV: 'production', CORS_ORIGINS: APP } });
    });
    afterAll(() => gw.close());

    const preflight = (origin: string) =>
      fetch(gw.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'content-type,apollographql-client-name',
        },
      });

    it("answers the app's preflight for a JSON GET and lets the browser keep it for 10 minutes", async () => {
      const res = await preflight(APP);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(res.headers.get('access-control-allow-headers')).toBe('content-type,apollographql-client-name');
      expect(res.headers.get('access-control-max-age')).toBe('600');
      // The only methods /graphql serves.
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
    });

    it('allows no other origin, Apollo Sandbox included (no Sandbox in production)', async () => {
      for (const origin of ['https://evil.example', 'https://studio.apollographql.com']) {
        expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });
});
