import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type TestGateway } from '../support/gateway.js';
import { CANCEL } from '../support/operations.js';
import {
  AUDIENCE,
  b64url,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from './jwksServer.js';

// HTTP → authentication → policy → resolvers → SDK → emulator, with AUTH_MODE=jwt and an inline policy.

const POLICY = {
  version: 1,
  rules: [
    {
      id: 'ops-jobs',
      principals: { groups: ['ops'] },
      things: { names: ['dev-*'] },
      actions: ['read', 'cancel', 'delete', 'update'],
    },
    {
      id: 'ops-force',
      principals: { groups: ['ops'], scopes: ['jobs:force'] },
      things: { names: ['dev-*'] },
      actions: ['force'],
    },
  ],
};

let key: TestKey;
let jwks: JwksServer;
let gw: TestGateway;
const issued: string[] = [];

async function token(claims: Record<string, unknown> = {}): Promise<string> {
  const t = await signToken(key, { 'cognito:groups': ['ops'], ...claims });
  issued.push(t);
  return t;
}

beforeAll(async () => {
  key = await makeKey('k1');
  jwks = await startJwksServer([key]);
  gw = await startTestGateway({
    logLevel: 'info',
    seed: seedWith([
      { jobId: 'j1', thingName: 'dev-1' },
      { jobId: 'j2', thingName: 'dev-2', status: 'IN_PROGRESS' },
      { jobId: 'j3', thingName: 'dev-3', status: 'IN_PROGRESS' },
      { jobId: 'j4', thingName: 'other-1' },
    ]),
    env: {
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: jwks.url,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_POLICY: JSON.stringify(POLICY),
    },
  });
});
afterAll(async () => {
  await gw?.close();
  await jwks?.close();
});
beforeEach(() => gw.emulator.resetCalls());

const cancel = (input: Record<string, unknown>, bearer?: string) =>
  gw.gql(CANCEL, { input }, bearer === undefined ? {} : { authorization: `Bearer ${bearer}` });

describe('authentication (AUTH_MODE=jwt)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const badTokens: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['garbage', async () => 'not.a.jwt'],
    ['forged signature', async () => signToken(await makeKey('k1'))],
    ['expired', async () => signToken(key, { iat: now() - 900, exp: now() - 600 })],
    ['not yet valid', async () => signToken(key, { nbf: now() + 600 })],
    ['wrong issuer', async () => signToken(key, { iss: 'https://evil.example.test' })],
    ['wrong audience', async () => signToken(key, { aud: 'someone-else' })],
    [
      'Cognito access token for another client',
      async () => signToken(key, { aud: undefined, token_use: 'access', client_id: 'other' }),
    ],
    [
      'alg: none',
      async () =>
        `${b64url({ alg: 'none' })}.${b64url({ sub: 'x', iss: ISSUER, aud: AUDIENCE, exp: now() + 60 })}.`,
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const input = `${b64url({ alg: 'HS256', kid: 'k1' })}.${b64url({ sub: 'x', iss: ISSUER, aud: AUDIENCE, exp: now() + 60, 'cognito:groups': ['ops'] })}`;
        return `${input}.${createHmac('sha256', JSON.stringify(key.publicJwk)).update(input).digest('base64url')}`;
      },
    ],
  ];

  it.each(badTokens)('%s → 401 UNAUTHENTICATED, no resolver, no AWS call', async (_name, make) => {
    const bad = await make();
    const res = await cancel({ jobId: 'j1', thingName: 'dev-1' }, bad);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('answers a GET without an operation like Apollo does (400), without a token', async () => {
    const res = await fetch(gw.url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(400);
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('needs a token for a GET that carries an operation', async () => {
    const res = await fetch(`${gw.url}?query=${encodeURIComponent('{ ping }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(401);
  });

  it('lets a valid token through', async () => {
    const res = await cancel({ jobId: 'j1', thingName: 'dev-1' }, await token());
    expect(res.status).toBe(200);
    expect(res.body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
  });
});

describe('authorization (policy)', () => {
  it('answers AccessDeniedError without calling AWS when no rule grants the action', async () => {
    const res = await cancel(
      { jobId: 'j2', thingName: 'dev-2' },
      await token({ 'cognito:groups': ['viewers'] }),
    );
    expect(res.body.data.cancelJobExecution).toEqual({
      __typename: 'AccessDeniedError',
      message: 'You are not allowed to perform this operation on this thing.',
    });
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('gives the same answer for an existing and a missing thing outside the policy', async () => {
    const t = await token();
    const existing = await cancel({ jobId: 'j4', thingName: 'other-1' }, t);
    const missing = await cancel({ jobId: 'nope', thingName: 'ghost-9' }, t);
    expect(existing.status).toBe(missing.status);
    expect(existing.body).toEqual(missing.body);
    expect(existing.body.data.cancelJobExecution.__typename).toBe('AccessDeniedError');
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('needs the force permission for force, and allows it with it', async () => {
    const withoutForce = await cancel({ jobId: 'j2', thingName: 'dev-2', force: true }, await token());
    expect(withoutForce.body.data.cancelJobExecution.__typename).toBe('AccessDeniedError');
    expect(gw.upstreamCalls()).toBe(0);
    const withForce = await cancel(
      { jobId: 'j2', thingName: 'dev-2', force: true },
      await token({ scope: 'jobs:force' }),
    );
    expect(withForce.body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
  });

  it('writes one audit line per mutation attempt, allowed or denied, and never a token', async () => {
    const before = gw.logs().filter((l) => l.audit === true).length;
    const t = await token({ sub: 'auditor-7', client_id: 'mobile-app' });
    await cancel({ jobId: 'j3', thingName: 'dev-3', force: true }, t);
    await cancel({ jobId: 'j3', thingName: 'dev-3', force: false, expectedVersion: 4 }, t);
    const lines = gw
      .logs()
      .filter((l) => l.audit === true)
      .slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      msg: 'audit',
      callerSub: 'auditor-7',
      callerClientId: 'mobile-app',
      operation: 'cancelJobExecution',
      thingName: 'dev-3',
      jobId: 'j3',
      force: true,
      decision: 'denied',
      outcome: 'AccessDeniedError',
    });
    expect(lines[1]).toMatchObject({
      decision: 'allowed',
      rule: 'ops-jobs',
      force: false,
      expectedVersion: 4,
      outcome: 'VersionConflictError',
    });
    expect(typeof lines[1]!.requestId).toBe('string');
    expect(typeof lines[1]!.upstreamRequestId).toBe('string');
    expect(typeof lines[1]!.latencyMs).toBe('number');
    const everything = JSON.stringify(gw.logs());
    for (const t2 of issued) expect(everything).not.toContain(t2.split('.')[2]);
  });
});

describe('unreachable key set', () => {
  it('answers 503 AUTHENTICATION_UNAVAILABLE, not 401', async () => {
    const broken = await startTestGateway({
      env: {
        AUTH_MODE: 'jwt',
        AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks.json',
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_POLICY: JSON.stringify(POLICY),
      },
    });
    try {
      const res = await broken.gql('{ ping }', undefined, { authorization: `Bearer ${await token()}` });
      expect(res.status).toBe(503);
      expect(res.body.errors[0].extensions.code).toBe('AUTHENTICATION_UNAVAILABLE');
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      await broken.close();
    }
  });
});
