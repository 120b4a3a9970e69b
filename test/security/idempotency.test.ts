import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIdempotencyStore,
  fingerprintOf,
  parseIdempotencyKey,
  type IdempotencyStore,
} from '../../src/security/idempotency.js';
import { requireRedis, uniqueKeyPrefix } from '../support/services.js';
import { connectedRedis, deleteKeys } from './redisHelpers.js';

describe('Idempotency-Key header and fingerprints', () => {
  it('accepts 1-255 printable ASCII characters', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey(' 4f1c-a ')).toEqual({ ok: true, key: '4f1c-a' });
    expect(parseIdempotencyKey('')).toMatchObject({ ok: false });
    expect(parseIdempotencyKey('a b')).toMatchObject({ ok: false });
    expect(parseIdempotencyKey('é')).toMatchObject({ ok: false });
    expect(parseIdempotencyKey('k'.repeat(256))).toMatchObject({ ok: false });
    expect(parseIdempotencyKey(['a', 'b'])).toMatchObject({ ok: false });
  });

  it('ignores key order and undefined members, but not values', () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, 2], d: undefined } })).toBe(
      fingerprintOf({ b: { c: [1, 2] }, a: 1 }),
    );
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
    expect(fingerprintOf({ a: [1, 2] })).not.toBe(fingerprintOf({ a: [2, 1] }));
  });
});

/** The same behaviour is required from both stores. */
function storeContract(
  name: string,
  makeStore: (prefix: string) => IdempotencyStore,
  available = true,
): void {
  describe.skipIf(!available)(name, () => {
    const scope = (key: string, callerSub = 'alice', operation = 'cancelJobExecution') => ({
      callerSub,
      operation,
      key,
    });
    const payload = fingerprintOf({ thingName: 't1', jobId: 'j1', force: false });

    it('stores the first outcome and replays it', async () => {
      const store = makeStore(uniqueKeyPrefix('idem'));
      const first = await store.begin<{ __typename: string }>(scope('k1'), payload);
      expect(first.kind).toBe('started');
      if (first.kind !== 'started') return;
      await first.complete({ __typename: 'CancelJobExecutionSuccess' });
      expect(await store.begin(scope('k1'), payload)).toEqual({
        kind: 'replay',
        outcome: { __typename: 'CancelJobExecutionSuccess' },
      });
    });

    it('answers in_flight while the first attempt runs, and mismatch for another payload', async () => {
      const store = makeStore(uniqueKeyPrefix('idem'));
      const first = await store.begin(scope('k2'), payload);
      expect(first.kind).toBe('started');
      expect(await store.begin(scope('k2'), payload)).toEqual({ kind: 'in_flight' });
      expect(await store.begin(scope('k2'), fingerprintOf({ other: true }))).toEqual({ kind: 'mismatch' });
    });

    it('lets exactly one of many concurrent attempts start', async () => {
      const store = makeStore(uniqueKeyPrefix('idem'));
      const results = await Promise.all(Array.from({ length: 10 }, () => store.begin(scope('k3'), payload)));
      expect(results.filter((r) => r.kind === 'started')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'in_flight')).toHaveLength(9);
    });

    it('scopes keys by caller and operation', async () => {
      const store = makeStore(uniqueKeyPrefix('idem'));
      expect((await store.begin(scope('same'), payload)).kind).toBe('started');
      expect((await store.begin(scope('same', 'bob'), payload)).kind).toBe('started');
      expect((await store.begin(scope('same', 'alice', 'deleteJobExecution'), payload)).kind).toBe('started');
    });

    it('frees the key on release so a retry can start over', async () => {
      const store = makeStore(uniqueKeyPrefix('idem'));
      const first = await store.begin(scope('k4'), payload);
      if (first.kind !== 'started') throw new Error('expected started');
      await first.release();
      expect((await store.begin(scope('k4'), payload)).kind).toBe('started');
    });

    it('expires an abandoned in-flight attempt, and the late owner cannot overwrite the new one', async () => {
      const store = makeStore(uniqueKeyPrefix('idem'));
      const stale = await store.begin(scope('k5'), payload);
      if (stale.kind !== 'started') throw new Error('expected started');
      await expect
        .poll(async () => (await store.begin(scope('k5'), payload)).kind, { timeout: 5000, interval: 50 })
        .toBe('started');
      await stale.complete('stale outcome');
      expect(await store.begin(scope('k5'), payload)).toEqual({ kind: 'in_flight' });
    });
  });
}

storeContract('memory idempotency store', () => createIdempotencyStore({ inFlightTtlMs: 200 }));

const redisStatus = await requireRedis();
let redisA: Redis | undefined;
let redisB: Redis | undefined;
const redisPrefix = uniqueKeyPrefix('idem-redis');
beforeAll(async () => {
  if (!redisStatus.available) return;
  redisA = await connectedRedis();
  redisB = await connectedRedis();
});
afterAll(async () => {
  if (redisA) await deleteKeys(redisA, redisPrefix);
  redisA?.disconnect();
  redisB?.disconnect();
});

storeContract(
  'Redis idempotency store (real Redis)',
  (prefix) => createIdempotencyStore({ redis: redisA!, keyPrefix: redisPrefix + prefix, inFlightTtlMs: 200 }),
  redisStatus.available,
);

describe.skipIf(!redisStatus.available)('Redis idempotency across replicas', () => {
  it('shares one record between two replicas', async () => {
    const keyPrefix = `${redisPrefix}replicas`;
    const replica1 = createIdempotencyStore({ redis: redisA!, keyPrefix });
    const replica2 = createIdempotencyStore({ redis: redisB!, keyPrefix });
    const s = { callerSub: 'alice', operation: 'deleteJobExecution', key: 'retry-1' };
    const fp = fingerprintOf({ thingName: 't', jobId: 'j', executionNumber: 1 });
    const first = await replica1.begin(s, fp);
    if (first.kind !== 'started') throw new Error('expected started');
    expect(await replica2.begin(s, fp)).toEqual({ kind: 'in_flight' });
    await first.complete({ __typename: 'DeleteJobExecutionSuccess' });
    expect(await replica2.begin(s, fp)).toEqual({
      kind: 'replay',
      outcome: { __typename: 'DeleteJobExecutionSuccess' },
    });
    expect(await replica2.begin(s, fingerprintOf({ other: 1 }))).toEqual({ kind: 'mismatch' });
    const ttl = await redisA!.pttl(
      `${keyPrefix}:${(await import('node:crypto')).createHash('sha256').update('alice\ndeleteJobExecution\nretry-1').digest('hex')}`,
    );
    expect(ttl).toBeGreaterThan(86_000_000);
  });
});
