import {
  InvalidRequestException,
  InvalidStateTransitionException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  VersionConflictException,
} from '@aws-sdk/client-iot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CircuitOpenError,
  createUpstreamBreaker,
  isNeutralError,
  type BreakerState,
  type UpstreamBreaker,
} from '../../src/resilience/circuitBreaker.js';

const meta = { $metadata: {} };
const clientErrors = [
  new ResourceNotFoundException({ message: 'nf', ...meta }),
  new InvalidRequestException({ message: 'bad', ...meta }),
  new InvalidStateTransitionException({ message: 'state', ...meta }),
  new VersionConflictException({ message: 'version', ...meta }),
];
const upstreamFailures = [
  new ServiceUnavailableException({ message: 'down', ...meta }),
  new ThrottlingException({ message: 'slow down', ...meta }),
  Object.assign(new SyntaxError('Unexpected token < in JSON'), { $metadata: { httpStatusCode: 500 } }),
  Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
];

let breakers: UpstreamBreaker[] = [];
afterEach(() => {
  breakers.forEach((b) => b.shutdown());
  breakers = [];
});

function breaker(states: BreakerState[] = [], resetTimeoutMs = 60_000): UpstreamBreaker {
  const b = createUpstreamBreaker({
    name: 'test',
    volumeThreshold: 5,
    resetTimeoutMs,
    onStateChange: (s) => states.push(s),
  });
  breakers.push(b);
  return b;
}

const failWith = (err: Error | undefined) => () => Promise.reject(err ?? new Error('missing fixture'));

describe('error classification', () => {
  it('treats AWS client faults as neutral, but not throttling, 5xx, parse or network errors', () => {
    expect(clientErrors.map(isNeutralError)).toEqual([true, true, true, true]);
    expect(upstreamFailures.map(isNeutralError)).toEqual([false, false, false, false]);
  });
});

describe('circuit breaker', () => {
  it('stays closed under any number of client errors', async () => {
    const b = breaker();
    for (let i = 0; i < 30; i += 1) {
      const err = clientErrors[i % clientErrors.length];
      await expect(b.run(failWith(err))).rejects.toBe(err);
    }
    expect(b.state()).toBe('closed');
  });

  it.each(upstreamFailures.map((e) => [e.name, e]))(
    'opens after repeated %s and then fails fast without calling',
    async (_name, failure) => {
      const states: BreakerState[] = [];
      const b = breaker(states);
      for (let i = 0; i < 5; i += 1) await expect(b.run(failWith(failure))).rejects.toBe(failure);
      expect(b.state()).toBe('open');
      expect(states).toEqual(['open']);
      let calls = 0;
      const err = await b.run(async () => (calls += 1)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CircuitOpenError);
      expect(err).toMatchObject({ kind: 'ServiceUnavailable', retryable: true, retryAfterSeconds: 60 });
      expect(calls).toBe(0);
    },
  );

  it('does not open below the volume threshold or below the error percentage', async () => {
    const b = breaker();
    const down = upstreamFailures[0];
    for (let i = 0; i < 4; i += 1) await expect(b.run(failWith(down))).rejects.toBe(down);
    expect(b.state()).toBe('closed');
    for (let i = 0; i < 6; i += 1) await b.run(async () => 'ok');
    await expect(b.run(failWith(down))).rejects.toBe(down);
    expect(b.state()).toBe('closed');
  });

  it('probes once after resetTimeout and closes on success', async () => {
    const states: BreakerState[] = [];
    const b = breaker(states, 50);
    for (let i = 0; i < 5; i += 1) await b.run(failWith(upstreamFailures[0])).catch(() => undefined);
    expect(b.state()).toBe('open');
    await expect.poll(() => b.state()).toBe('halfOpen');
    let calls = 0;
    expect(await b.run(async () => (calls += 1))).toBe(1);
    expect(b.state()).toBe('closed');
    expect(states).toEqual(['open', 'halfOpen', 'closed']);
  });

  it('reopens when the probe fails', async () => {
    const states: BreakerState[] = [];
    const b = breaker(states, 50);
    for (let i = 0; i < 5; i += 1) await b.run(failWith(upstreamFailures[0])).catch(() => undefined);
    await expect.poll(() => b.state()).toBe('halfOpen');
    await expect(b.run(failWith(upstreamFailures[0]))).rejects.toBe(upstreamFailures[0]);
    expect(b.state()).toBe('open');
    expect(states).toEqual(['open', 'halfOpen', 'open']);
  });

  it('counts deadline aborts but not aborts caused by the caller going away', async () => {
    const abortError = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    const cancelled = new AbortController();
    cancelled.abort();
    const b = breaker();
    for (let i = 0; i < 10; i += 1)
      await b.run(failWith(abortError), cancelled.signal).catch(() => undefined);
    expect(b.state()).toBe('closed');
    const timedOut = AbortSignal.timeout(1);
    await new Promise((resolve) => timedOut.addEventListener('abort', resolve));
    const fresh = breaker();
    for (let i = 0; i < 5; i += 1) await fresh.run(failWith(abortError), timedOut).catch(() => undefined);
    expect(fresh.state()).toBe('open');
  });

  it('passes results and errors through unchanged', async () => {
    const b = breaker();
    expect(await b.run(async () => ({ ok: 1 }))).toEqual({ ok: 1 });
    await expect(b.run(failWith(clientErrors[0]))).rejects.toBe(clientErrors[0]);
  });
});
