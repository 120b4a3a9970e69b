import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// The graphql-http audit suite against the running gateway: every MUST of the GraphQL-over-HTTP spec
// holds. SHOULD/MAY findings (status 'warn'/'notice') are Apollo's documented choices, e.g. 400 rather
// than 200 for invalid documents under application/json, and do not fail.

let gw: TestGateway;
beforeAll(async () => {
  // Production settings, except that the audits' own documents query __type, which needs introspection.
  gw = await startTestGateway({
    env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', AUTH_MODE: 'none' },
  });
});
afterAll(() => gw.close());

// csrfPrevention stays on: the header marks the audit's requests as non-simple, as real clients' are.
const fetchFn: typeof fetch = (input, init = {}) =>
  fetch(input, {
    ...init,
    headers: { ...Object.fromEntries(new Headers(init.headers)), 'apollo-require-preflight': 'true' },
  });

describe('GraphQL over HTTP (graphql-http audits)', () => {
  const audits = serverAudits({ url: () => gw.url, fetchFn });

  it('has the audits to run', () => {
    expect(audits.length).toBeGreaterThan(50);
  });

  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      if (result.status === 'error') throw new Error(`${result.reason} (MUST ${audit.id})`);
    });
  }
});
