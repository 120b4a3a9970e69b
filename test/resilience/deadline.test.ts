import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DescribeJobExecutionCommand } from '@aws-sdk/client-iot';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDeadline, isAbortError, RequestSignal } from '../../src/resilience/deadline.js';
import { caught, controlClient } from '../support/sdk.js';

describe('createDeadline', () => {
  it('starts live with the full budget', () => {
    const d = createDeadline(5000);
    expect(d.signal.aborted).toBe(false);
    expect(d.abortCause()).toBeUndefined();
    expect(d.remainingMs()).toBeGreaterThan(0);
    expect(d.remainingMs()).toBeLessThanOrEqual(5000);
  });

  it('fires with cause "deadline" when the budget runs out', async () => {
    const d = createDeadline(20);
    await new Promise<void>((resolve) => d.signal.addEventListener('abort', resolve));
    expect(d.abortCause()).toBe('deadline');
    expect(d.remainingMs()).toBe(0);
  });

  it('fires with cause "cancelled" when the caller aborts first', () => {
    const client = new AbortController();
    const d = createDeadline(60_000, client.signal);
    client.abort();
    expect(d.signal.aborted).toBe(true);
    expect(d.abortCause()).toBe('cancelled');
  });

  it('carries the abort listeners of a request’s queued upstream calls without a leak warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const d = createDeadline(60_000);
      for (let i = 0; i < 30; i += 1) d.signal.addEventListener('abort', () => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      d.release();
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('rejects a budget that is not positive', () => {
    expect(() => createDeadline(0)).toThrow(RangeError);
    expect(() => createDeadline(Number.NaN)).toThrow(RangeError);
  });
});

describe('RequestSignal', () => {
  it('runs each listener once, in order, with the signal already aborted, then onabort', () => {
    const signal = new RequestSignal();
    const seen: string[] = [];
    const first = () => seen.push(`first:${String(signal.aborted)}`);
    signal.addEventListener('abort', first);
    signal.addEventListener('abort', first);
    signal.addEventListener('abort', () => seen.push('second'));
    const removed = () => seen.push('removed');
    signal.addEventListener('abort', removed);
    signal.removeEventListener('abort', removed);
    signal.onabort = () => seen.push('onabort');
    const reason = new Error('stop');
    signal.abort(reason);
    signal.abort(new Error('again'));
    expect(seen).toEqual(['first:true', 'second', 'onabort']);
    expect(signal.reason).toBe(reason);
    // Like an aborted AbortSignal: a listener added now never runs.
    signal.addEventListener('abort', () => seen.push('late'));
    expect(seen).toHaveLength(3);
  });

  it('runs the other listeners when one throws, and rethrows that error outside the loop', () => {
    const later = vi.spyOn(process, 'nextTick').mockImplementation(() => undefined);
    try {
      const signal = new RequestSignal();
      const boom = new Error('listener failed');
      let ranAfter = false;
      signal.addEventListener('abort', () => {
        throw boom;
      });
      signal.addEventListener('abort', () => (ranAfter = true));
      signal.abort(new Error('stop'));
      expect(ranAfter).toBe(true);
      const rethrow = later.mock.calls[0]?.[0] as () => void;
      expect(rethrow).toThrow(boom);
    } finally {
      later.mockRestore();
    }
  });
});

describe('deadline on a real SDK call to a hanging upstream', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<Socket>();
  let requests = 0;

  beforeAll(async () => {
    // Accepts requests and never answers, like a stuck upstream.
    server = createServer(() => {
      requests += 1;
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('aborts the call at the deadline and frees the socket', async () => {
    const client = controlClient(url, { maxAttempts: 1 });
    try {
      // Generous budget: the SDK's first call loads its middleware lazily before it sends anything.
      const d = createDeadline(1000);
      const err = await caught(
        client.send(new DescribeJobExecutionCommand({ thingName: 't', jobId: 'j' }), {
          abortSignal: d.signal,
        }),
      );
      expect(isAbortError(err)).toBe(true);
      expect(d.abortCause()).toBe('deadline');
      expect(requests).toBe(1);
      await expect.poll(() => sockets.size).toBe(0);
    } finally {
      client.destroy();
    }
  });

  it('leaves no socket behind after many timed-out calls', async () => {
    const client = controlClient(url, { maxAttempts: 1 });
    const before = requests;
    try {
      const results = await Promise.all(
        Array.from({ length: 30 }, () =>
          caught(
            client.send(new DescribeJobExecutionCommand({ thingName: 't', jobId: 'j' }), {
              abortSignal: createDeadline(1000).signal,
            }),
          ),
        ),
      );
      expect(results.every(isAbortError)).toBe(true);
      expect(requests - before).toBe(30);
      await expect.poll(() => sockets.size).toBe(0);
    } finally {
      client.destroy();
    }
  });
});
