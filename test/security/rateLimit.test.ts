import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_CALLER } from '../../src/security/caller.js';
import { createRateLimiter, rateLimitKey, type RateLimiter } from '../../src/security/rateLimit.js';
import { requireRedis, uniqueKeyPrefix } from '../support/services.js';
import { connectedRedis, deleteKeys, startRedisProxy } from './redisHelpers.js';

async function admitted(
  limiter: RateLimiter,
  key: string,
  kind: 'query' | 'mutation',
  attempts: number,
): Promise<number> {
  let ok = 0;
  for (let i = 0; i < attempts; i += 1) if ((await limiter.consume(key, kind)).allowed) ok += 1;
  return ok;
}

describe('rate limit keys', () => {
  it('keys by sub, or by IP for the anonymous caller', () => {
    expect(rateLimitKey({ sub: 'u1', groups: [], scopes: [] }, '10.0.0.1')).toBe('sub:u1');
    expect(rateLimitKey(ANONYMOUS_CALLER, '10.0.0.1')).toBe('ip:10.0.0.1');
  });
});

describe('in-memory rate limiter', () => {
  it('admits exactly the configured points per caller and bucket, then answers with retryAfterSeconds', async () => {
    const limiter = createRateLimiter({ queryPoints: 5, mutationPoints: 2, windowSeconds: 30 });
    expect(await admitted(limiter, 'sub:a', 'query', 8)).toBe(5);
    expect(await admitted(limiter, 'sub:a', 'mutation', 5)).toBe(2);
    const denied = await limiter.consume('sub:a', 'mutation');
    expect(denied).toMatchObject({ allowed: false, reason: 'limit' });
    if (!denied.allowed) {
      expect(denied.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(denied.retryAfterSeconds).toBeLessThanOrEqual(30);
    }
    // Other callers are unaffected.
    expect(await admitted(limiter, 'sub:b', 'query', 5)).toBe(5);
  });

  it('charges weighted points', async () => {
    const limiter = createRateLimiter({ queryPoints: 10 });
    expect(await limiter.consume('sub:w', 'query', 7)).toEqual({ allowed: true, remaining: 3 });
    expect((await limiter.consume('sub:w', 'query', 4)).allowed).toBe(false);
  });
});

const redisStatus = await requireRedis();

describe.skipIf(!redisStatus.available)('Redis rate limiter (real Redis)', () => {
  const prefix = uniqueKeyPrefix('rl');
  let a: Redis;
  let b: Redis;
  beforeAll(async () => {
    a = await connectedRedis();
    b = await connectedRedis();
  });
  afterAll(async () => {
    await deleteKeys(a, prefix);
    a.disconnect();
    b.disconnect();
  });

  it('enforces one limit across two replicas', async () => {
    const options = { queryPoints: 6, mutationPoints: 3, windowSeconds: 60, keyPrefix: `${prefix}shared` };
    const replica1 = createRateLimiter({ ...options, redis: a });
    const replica2 = createRateLimiter({ ...options, redis: b });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? replica1 : replica2).consume('sub:burst', 'query')),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(6);
    const mutations = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? replica1 : replica2).consume('sub:burst', 'mutation')),
    );
    expect(mutations.filter((r) => r.allowed)).toHaveLength(3);
    expect(mutations.find((r) => !r.allowed)).toMatchObject({ reason: 'limit' });
    // A different caller still has a full bucket.
    expect((await replica2.consume('sub:calm', 'mutation')).allowed).toBe(true);
  });

  it('falls back to memory for queries and refuses mutations while Redis is unreachable', async () => {
    const proxy = await startRedisProxy();
    const viaProxy = await connectedRedis(proxy.url);
    try {
      const limiter = createRateLimiter({
        queryPoints: 3,
        mutationPoints: 3,
        keyPrefix: `${prefix}outage`,
        redis: viaProxy,
      });
      expect((await limiter.consume('sub:x', 'mutation')).allowed).toBe(true);
      await proxy.cut();
      await expect.poll(() => viaProxy.status).not.toBe('ready');
      // Queries: the insurance limiter keeps limiting per process.
      expect(await admitted(limiter, 'sub:x', 'query', 5)).toBe(3);
      // Mutations: never unlimited, never queued: refused at once.
      const refused = await limiter.consume('sub:x', 'mutation');
      expect(refused).toEqual({ allowed: false, reason: 'unavailable', retryAfterSeconds: 1 });
    } finally {
      viaProxy.disconnect();
    }
  });
});
