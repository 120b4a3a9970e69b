import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type TestGateway } from '../support/gateway.js';
import { CANCEL_LEAN } from '../support/operations.js';
import { requireRedis, uniqueKeyPrefix } from '../support/services.js';
import { connectedRedis, deleteKeys } from './redisHelpers.js';

// Rate limits and Idempotency-Key end to end, in memory and shared by two replicas through the real Redis.

const jobs = Array.from({ length: 10 }, (_, i) => ({ jobId: `job-${i}`, thingName: 'dev-1' }));
const cancel = (gw: TestGateway, jobId: string, headers: Record<string, string> = {}) =>
  gw.gql(CANCEL_LEAN, { input: { jobId, thingName: 'dev-1' } }, headers);

describe('rate limits (in memory)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      seed: seedWith(jobs),
      env: { RATE_LIMIT_MUTATION_POINTS: '2', RATE_LIMIT_QUERY_POINTS: '3' },
    });
  });
  afterAll(() => gw?.close());

  it('answers the mutation beyond the limit with ThrottlingError and retryAfterSeconds, without calling AWS', async () => {
    expect((await cancel(gw, 'job-0')).body.data.cancelJobExecution.__typename).toBe(
      'CancelJobExecutionSuccess',
    );
    expect((await cancel(gw, 'job-1')).body.data.cancelJobExecution.__typename).toBe(
      'CancelJobExecutionSuccess',
    );
    gw.emulator.resetCalls();
    const res = await gw.gql(
      'mutation { cancelJobExecution(input: { jobId: "job-2", thingName: "dev-1" }) { __typename ... on ThrottlingError { retryable retryAfterSeconds upstreamRequestId } } }',
    );
    const member = res.body.data.cancelJobExecution;
    expect(member).toMatchObject({ __typename: 'ThrottlingError', retryable: true, upstreamRequestId: null });
    expect(member.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(member.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('answers queries beyond their own limit with 429 RATE_LIMITED and Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) expect((await gw.gql('{ ping }')).status).toBe(200);
    const res = await gw.gql('{ ping }');
    expect(res.status).toBe(429);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('Idempotency-Key (in memory)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ seed: seedWith(jobs), logLevel: 'info' });
  });
  afterAll(() => gw?.close());
  beforeEach(() => {
    gw.emulator.clearFaults();
    gw.emulator.resetCalls();
  });

  it('replays the first outcome without calling AWS again', async () => {
    const key = { 'idempotency-key': 'replay-1' };
    const first = await cancel(gw, 'job-0', key);
    expect(first.body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
    const second = await cancel(gw, 'job-0', key);
    expect(second.body).toEqual(first.body);
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
    expect(
      gw.logs().some((l) => l.audit === true && l.idempotencyKey === 'replay-1' && l.replayed === true),
    ).toBe(true);
    // Without the key, the same call really runs again (and AWS refuses it: already canceled).
    const again = await cancel(gw, 'job-0');
    expect(again.body.data.cancelJobExecution.__typename).toBe('InvalidStateTransitionError');
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(2);
  });

  it('refuses the same key with another payload (422) and while the first is running (409)', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'delay', delayMs: 600, count: 1 });
    const key = { 'idempotency-key': 'busy-1' };
    const first = cancel(gw, 'job-1', key);
    await expect.poll(() => gw.upstreamCalls('CancelJobExecution')).toBe(1);
    const concurrent = await cancel(gw, 'job-1', key);
    expect(concurrent.status).toBe(409);
    expect(concurrent.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect((await first).body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
    const otherPayload = await cancel(gw, 'job-2', key);
    expect(otherPayload.status).toBe(422);
    expect(otherPayload.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
  });

  it('a cancel applied but whose answer was lost: one state change, then the same key replays', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'applyThenReset', count: 1 });
    const key = { 'idempotency-key': 'lost-answer-1' };
    const first = await cancel(gw, 'job-3', key);
    expect(first.body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
    const retry = await cancel(gw, 'job-3', key);
    expect(retry.body).toEqual(first.body);
    // The SDK's own retry saw "already canceled" and the gateway recognised it; the client's retry replayed.
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(2);
  });

  it('does not store retryable outcomes, so the same key can try again', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'unavailable', count: 3 });
    const key = { 'idempotency-key': 'retry-later-1' };
    expect((await cancel(gw, 'job-4', key)).body.data.cancelJobExecution.__typename).toBe(
      'ServiceUnavailableError',
    );
    expect((await cancel(gw, 'job-4', key)).body.data.cancelJobExecution.__typename).toBe(
      'CancelJobExecutionSuccess',
    );
  });
});

const redis = await requireRedis();

describe.skipIf(!redis.available)('two replicas sharing the real Redis', () => {
  const prefix = uniqueKeyPrefix('gw');
  let a: TestGateway;
  let b: TestGateway;
  let admin: Redis;
  beforeAll(async () => {
    admin = await connectedRedis();
    const env = {
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: prefix.replace(/:$/, ''),
      RATE_LIMIT_MUTATION_POINTS: '4',
    };
    a = await startTestGateway({ seed: seedWith(jobs), env });
    b = await startTestGateway({ seed: seedWith(jobs), env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await deleteKeys(admin, prefix);
    admin.disconnect();
  });

  it('keeps one idempotency record: the second replica replays without calling its upstream', async () => {
    const key = { 'idempotency-key': 'shared-1' };
    const first = await cancel(a, 'job-0', key);
    expect(first.body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
    const second = await cancel(b, 'job-0', key);
    expect(second.body).toEqual(first.body);
    expect(b.upstreamCalls('CancelJobExecution')).toBe(0);
  });

  it('enforces one mutation limit across both replicas', async () => {
    // One point is already used by the previous test (shared-1 on replica a); the replay on b used another.
    const results = [];
    for (let i = 0; i < 6; i += 1) {
      const gw = i % 2 ? a : b;
      results.push((await cancel(gw, `job-${i + 1}`)).body.data.cancelJobExecution.__typename);
    }
    expect(results.filter((t) => t === 'ThrottlingError')).toHaveLength(4);
  });
});
