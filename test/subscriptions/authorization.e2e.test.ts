import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  AUDIENCE,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from '../security/jwksServer.js';
import {
  deviceUpdate,
  EXECUTION_CHANGED,
  EXECUTIONS_CHANGED,
  fleet,
  startReplica,
  startTestEmulator,
  statusesOf,
  subscribe,
  waitUntil,
  type Received,
  type Replica,
} from './support.js';

// AUTH_MODE=jwt with a policy that lets group "ops" read things named dev-*: the token goes in the
// graphql-ws connection parameters, the policy is checked at subscribe time and for every event.

const POLICY = {
  version: 1,
  rules: [
    { id: 'ops-read', principals: { groups: ['ops'] }, things: { names: ['dev-*'] }, actions: ['read'] },
  ],
};

let key: TestKey;
let jwks: JwksServer;
let emulator: Emulator;
let replica: Replica;
const open: Received[] = [];
const watch = (query: string, variables: Record<string, unknown>, token?: string) => {
  const received = subscribe(
    replica.wsUrl,
    query,
    variables,
    token === undefined ? {} : { authorization: `Bearer ${token}` },
  );
  open.push(received);
  return received;
};
const opsToken = (claims: Record<string, unknown> = {}) =>
  signToken(key, { 'cognito:groups': ['ops'], ...claims });

beforeAll(async () => {
  key = await makeKey('k1');
  jwks = await startJwksServer([key]);
  emulator = await startTestEmulator({ seed: fleet({ 'job-1': ['dev-1', 'other-1'], 'job-2': ['dev-2'] }) });
  replica = await startReplica(emulator, {
    env: {
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: jwks.url,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_POLICY: JSON.stringify(POLICY),
      SUBSCRIPTIONS_RECONCILE_INTERVAL_MS: '3600000',
    },
  });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.dispose()));
});
afterAll(async () => {
  await replica?.gateway.stop();
  await emulator?.close();
  await jwks?.close();
});

describe('subscription authorization', () => {
  it('closes the connection (4403) without a valid token', async () => {
    const anonymous = watch(EXECUTION_CHANGED, { thingName: 'dev-1', jobId: 'job-1' });
    const forged = watch(EXECUTION_CHANGED, { thingName: 'dev-1', jobId: 'job-1' }, `${await opsToken()}x`);
    await Promise.all([anonymous.waitForEnd(), forged.waitForEnd()]);
    expect(anonymous.closed?.code).toBe(4403);
    expect(forged.closed?.code).toBe(4403);
    expect(anonymous.events).toEqual([]);
  });

  it('refuses a subscription to a thing the caller may not read, without watching it', async () => {
    const received = watch(EXECUTION_CHANGED, { thingName: 'other-1', jobId: 'job-1' }, await opsToken());
    await received.waitForEnd();
    expect(received.events).toEqual([]);
    expect(received.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
    expect(replica.gateway.subscriptions.hub.watchers).toBe(0);
  });

  it('refuses a caller outside the policy even for a thing others may read', async () => {
    const received = watch(
      EXECUTION_CHANGED,
      { thingName: 'dev-1', jobId: 'job-1' },
      await opsToken({ 'cognito:groups': ['guests'] }),
    );
    await received.waitForEnd();
    expect(received.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('serves an allowed caller, and leaves out events of things it may not read', async () => {
    const token = await opsToken();
    const single = watch(EXECUTION_CHANGED, { thingName: 'dev-2', jobId: 'job-2' }, token);
    const job = watch(EXECUTIONS_CHANGED, { jobId: 'job-1' }, token);
    await single.waitForEvents(1);
    await waitUntil(() => replica.gateway.subscriptions.hub.watchers === 2);
    await deviceUpdate(emulator, 'other-1', 'job-1', 'IN_PROGRESS');
    await deviceUpdate(emulator, 'dev-1', 'job-1', 'IN_PROGRESS');
    await job.waitForEvents(1);
    // A change after both: once it arrived, the other-1 event would have arrived too had it not been dropped.
    await deviceUpdate(emulator, 'dev-2', 'job-2', 'IN_PROGRESS');
    await single.waitForEvents(2);
    expect(statusesOf(single)).toEqual(['QUEUED', 'IN_PROGRESS']);
    expect(job.events.map((e) => e.jobExecutionsChanged)).toEqual([
      { thingName: 'dev-1', status: 'IN_PROGRESS', versionNumber: 2 },
    ]);
  });

  it('closes the connection (4403 "Token expired") when the token expires, so the client reconnects with a fresh one', async () => {
    const token = await opsToken({ exp: Math.floor(Date.now() / 1000) + 2 });
    const received = watch(EXECUTION_CHANGED, { thingName: 'dev-2', jobId: 'job-2' }, token);
    await received.waitForEvents(1);
    await received.waitForEnd(10_000);
    expect(received.closed).toEqual({ code: 4403, reason: 'Token expired' });
  });

  it('keeps a connection whose token lives longer than a timer can wait (no overflow)', async () => {
    const token = await opsToken({ exp: Math.floor(Date.now() / 1000) + 40 * 86_400 });
    const received = watch(EXECUTION_CHANGED, { thingName: 'dev-2', jobId: 'job-2' }, token);
    await received.waitForEvents(1);
    await deviceUpdate(emulator, 'dev-2', 'job-2', 'SUCCEEDED');
    await received.waitForEvents(2);
    expect(received.closed).toBeUndefined();
  });

  it('answers 1013 (try again later), not 4403, when the issuer keys cannot be fetched', async () => {
    const broken = await startJwksServer([key]);
    broken.setBroken(true);
    const other = await startReplica(emulator, {
      env: {
        AUTH_MODE: 'jwt',
        AUTH_JWKS_URL: broken.url,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_POLICY: JSON.stringify(POLICY),
      },
    });
    try {
      const received = subscribe(
        other.wsUrl,
        EXECUTION_CHANGED,
        { thingName: 'dev-2', jobId: 'job-2' },
        { authorization: `Bearer ${await opsToken()}` },
      );
      open.push(received);
      await received.waitForEnd();
      expect(received.closed?.code).toBe(1013);
    } finally {
      await other.gateway.stop();
      await broken.close();
    }
  });
});
