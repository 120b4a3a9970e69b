import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/subscriptions/eventQueue.js';
import { createRecentIds } from '../../src/subscriptions/recentIds.js';
import { createSingleFlight } from '../../src/subscriptions/singleFlight.js';
import { compareVersions, VersionGate } from '../../src/subscriptions/versionGate.js';

describe('VersionGate', () => {
  it('admits only versions newer than the last admitted one, per key', () => {
    const gate = new VersionGate({ key: 'j/t', version: { executionNumber: 1, versionNumber: 2 } });
    expect(gate.admit('j/t', { executionNumber: 1, versionNumber: 2 })).toBe(false);
    expect(gate.admit('j/t', { executionNumber: 1, versionNumber: 3 })).toBe(true);
    expect(gate.admit('j/t', { executionNumber: 1, versionNumber: 1 })).toBe(false);
    expect(gate.admit('j/t', { executionNumber: 2, versionNumber: 1 })).toBe(true);
    expect(gate.admit('j/other', { executionNumber: 1, versionNumber: 1 })).toBe(true);
    expect(
      compareVersions({ executionNumber: 1, versionNumber: null }, { executionNumber: 1, versionNumber: 0 }),
    ).toBeLessThan(0);
  });
});

describe('createRecentIds', () => {
  it('reports repeats within the window and forgets by age and by count', () => {
    let now = 0;
    const ids = createRecentIds({ maxEntries: 2, ttlMs: 100, now: () => now });
    expect(ids.firstSeen('a')).toBe(true);
    expect(ids.firstSeen('a')).toBe(false);
    now = 150;
    expect(ids.firstSeen('a')).toBe(true);
    ids.firstSeen('b');
    ids.firstSeen('c');
    expect(ids.size).toBe(2);
    expect(ids.firstSeen('a')).toBe(true);
  });
});

describe('createSingleFlight', () => {
  it('runs one task per key at a time and answers calls made meanwhile with one more run', async () => {
    const flight = createSingleFlight<number>();
    let runs = 0;
    let release: () => void = () => undefined;
    const task = async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      return runs;
    };
    const first = flight.run('k', task);
    const later = [flight.run('k', task), flight.run('k', task), flight.run('k', task)];
    release();
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
    expect(runs).toBe(2);
    expect(flight.active).toBe(0);
  });

  it('passes a failure to the callers of that run only', async () => {
    const flight = createSingleFlight<string>();
    await expect(flight.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(flight.run('k', () => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});

describe('EventQueue', () => {
  const queue = (onEnd: () => void = () => undefined, maxBuffered = 3) =>
    new EventQueue<{ key: string; v: number }>({ keyOf: (e) => e.key, onEnd, maxBuffered });

  it('hands out events in order, to waiting and to later readers', async () => {
    const q = queue();
    const waiting = q.next();
    q.push({ key: 'a', v: 1 });
    q.push({ key: 'a', v: 2 });
    expect(await waiting).toEqual({ value: { key: 'a', v: 1 }, done: false });
    expect(await q.next()).toEqual({ value: { key: 'a', v: 2 }, done: false });
  });

  it('under pressure replaces an older state of the same execution, else drops the oldest', async () => {
    const q = queue();
    for (const e of [
      { key: 'a', v: 1 },
      { key: 'b', v: 1 },
      { key: 'c', v: 1 },
      { key: 'b', v: 2 },
      { key: 'd', v: 1 },
    ])
      q.push(e);
    const out: unknown[] = [];
    for (let i = 0; i < 3; i += 1) out.push((await q.next()).value);
    expect(out).toEqual([
      { key: 'c', v: 1 },
      { key: 'b', v: 2 },
      { key: 'd', v: 1 },
    ]);
    expect(q.dropped).toBe(2);
  });

  it('ends once, on return or after the buffered events of a failure', async () => {
    let ends = 0;
    const q = queue(() => (ends += 1));
    q.push({ key: 'a', v: 1 });
    q.fail(new Error('revoked'));
    expect((await q.next()).value).toEqual({ key: 'a', v: 1 });
    await expect(q.next()).rejects.toThrow('revoked');
    await q.return();
    expect(await q.next()).toEqual({ value: undefined, done: true });
    expect(ends).toBe(1);
  });
});
