import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { requireRedis, testRedisUrl, uniqueKeyPrefix } from '../support/services.js';
import {
  deviceUpdate,
  EXECUTION_CHANGED,
  fleet,
  startReplica,
  startTestEmulator,
  statusesOf,
  subscribe,
  type Replica,
} from './support.js';

// Two replicas behind one Redis: only replica A hears job events (the emulator's feed); replica B has no
// source of its own and an hour between reconciliations, so whatever B delivers came through Redis.

const redis = await requireRedis();

describe.skipIf(!redis.available)('fan-out across replicas through Redis', () => {
  let emulator: Emulator;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    emulator = await startTestEmulator({ seed: fleet({ 'job-1': ['dev-1'] }) });
    const env = {
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: uniqueKeyPrefix('subs').slice(0, 60),
      SUBSCRIPTIONS_RECONCILE_INTERVAL_MS: '3600000',
    };
    a = await startReplica(emulator, { env });
    b = await startReplica(emulator, { withEmulator: false, env: { ...env, JOB_EVENTS_SOURCE: 'none' } });
    await Promise.all([a.gateway.subscriptions.ready(), b.gateway.subscriptions.ready()]);
  });
  afterAll(async () => {
    await Promise.all([a?.gateway.stop(), b?.gateway.stop()]);
    await emulator?.close();
  });

  it('delivers every transition once, in order, on both replicas', async () => {
    const onA = subscribe(a.wsUrl, EXECUTION_CHANGED, { thingName: 'dev-1', jobId: 'job-1' });
    const onB = subscribe(b.wsUrl, EXECUTION_CHANGED, { thingName: 'dev-1', jobId: 'job-1' });
    try {
      await Promise.all([onA.waitForEvents(1), onB.waitForEvents(1)]);
      await deviceUpdate(emulator, 'dev-1', 'job-1', 'IN_PROGRESS');
      await Promise.all([onA.waitForEvents(2), onB.waitForEvents(2)]);
      await deviceUpdate(emulator, 'dev-1', 'job-1', 'SUCCEEDED');
      await Promise.all([onA.waitForEvents(3), onB.waitForEvents(3)]);

      expect(statusesOf(onA)).toEqual(['QUEUED', 'IN_PROGRESS', 'SUCCEEDED']);
      expect(statusesOf(onB)).toEqual(['QUEUED', 'IN_PROGRESS', 'SUCCEEDED']);
      expect(b.gateway.subscriptions.hub.stats.reconciles).toBe(0);
    } finally {
      await Promise.all([onA.dispose(), onB.dispose()]);
    }
  });
});
