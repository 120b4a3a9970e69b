import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReadiness } from '../../src/observability/readiness.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// /readyz: ready while AWS answers and the gateway is not draining; AWS sees at most one check per interval.

/** A check whose calls are counted and whose outcome each test sets. */
function fakeCheck() {
  const state = { calls: 0, fail: false, release: undefined as (() => void) | undefined, hold: false };
  const check = async () => {
    state.calls++;
    if (state.hold) await new Promise<void>((resolve) => (state.release = resolve));
    if (state.fail) throw new Error('unreachable');
  };
  return { state, check };
}

describe('createReadiness', () => {
  let clock = 0;
  const now = () => clock;
  afterEach(() => {
    clock = 0;
  });

  it('reuses a check result for intervalMs, then checks again', async () => {
    const { state, check } = fakeCheck();
    const readiness = createReadiness({ check, intervalMs: 5000, now });
    expect(await readiness.state()).toEqual({ ready: true });
    clock = 4999;
    expect(await readiness.state()).toEqual({ ready: true });
    expect(state.calls).toBe(1);
    clock = 5000;
    state.fail = true;
    expect(await readiness.state()).toEqual({ ready: false, reason: 'upstream-unreachable' });
    expect(state.calls).toBe(2);
  });

  it('lets concurrent probes share one in-flight check', async () => {
    const { state, check } = fakeCheck();
    state.hold = true;
    const readiness = createReadiness({ check, intervalMs: 5000, now });
    const probes = [readiness.state(), readiness.state(), readiness.state()];
    await Promise.resolve();
    state.release?.();
    expect(await Promise.all(probes)).toEqual([{ ready: true }, { ready: true }, { ready: true }]);
    expect(state.calls).toBe(1);
  });

  it('reports each change of reachability once', async () => {
    const { state, check } = fakeCheck();
    const changes: boolean[] = [];
    const readiness = createReadiness({
      check,
      intervalMs: 1,
      now,
      onChange: (reachable) => changes.push(reachable),
    });
    for (const fail of [false, false, true, true, false]) {
      state.fail = fail;
      clock += 1;
      await readiness.state();
    }
    expect(changes).toEqual([true, false, true]);
  });

  it('is never ready again once draining, without calling the upstream', async () => {
    const { state, check } = fakeCheck();
    const readiness = createReadiness({ check, intervalMs: 5000, now });
    readiness.markDraining();
    expect(await readiness.state()).toEqual({ ready: false, reason: 'draining' });
    expect(readiness.draining).toBe(true);
    expect(state.calls).toBe(0);
  });

  it('gives up on a check slower than timeoutMs', async () => {
    const readiness = createReadiness({
      check: (signal) =>
        new Promise<void>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
      intervalMs: 5000,
      timeoutMs: 1,
      now,
    });
    expect(await readiness.state()).toEqual({ ready: false, reason: 'upstream-unreachable' });
  });
});

describe('GET /readyz and /healthz on a gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { READINESS_CHECK_INTERVAL_MS: '600000' } });
  });
  afterAll(() => gw.close());

  it('is ready when the upstream answers, and calls it once for many probes', async () => {
    gw.emulator.resetCalls();
    const answers = await Promise.all(Array.from({ length: 5 }, () => fetch(`${gw.origin}/readyz`)));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready' });
    }
    const again = await fetch(`${gw.origin}/readyz`);
    expect(again.status).toBe(200);
    await again.body?.cancel();
    expect(gw.upstreamCalls('DescribeEndpoint')).toBe(1);
    expect(gw.upstreamCalls()).toBe(1);
  });

  it('keeps /healthz at 200 without calling AWS', async () => {
    gw.emulator.resetCalls();
    const res = await fetch(`${gw.origin}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(gw.upstreamCalls()).toBe(0);
  });
});

describe('GET /readyz when AWS IoT fails', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ maxAttempts: 1 });
  });
  afterAll(() => gw.close());

  it('answers 503 and says why, while /healthz stays 200', async () => {
    gw.emulator.injectFault({ operation: 'DescribeEndpoint', mode: 'unavailable', count: Infinity });
    const res = await fetch(`${gw.origin}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', reason: 'upstream-unreachable' });
    expect((await fetch(`${gw.origin}/healthz`)).status).toBe(200);
    expect(gw.logs().some((line) => line.msg === 'upstream unreachable: not ready')).toBe(true);
  });
});
