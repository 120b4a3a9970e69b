import { describe, expect, it } from 'vitest';
import { BulkheadRejectedError, createBulkhead } from '../../src/resilience/bulkhead.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('bulkhead', () => {
  it('never runs more than maxConcurrent tasks and runs the queued ones in order', async () => {
    const b = createBulkhead({ maxConcurrent: 3, maxQueued: 10 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const g = gate();
    const tasks = Array.from({ length: 8 }, (_, i) =>
      b.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        order.push(i);
        await g.opened;
        running -= 1;
        return i;
      }),
    );
    await Promise.resolve();
    expect(b.active()).toBe(3);
    expect(b.queued()).toBe(5);
    g.open();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(b.active()).toBe(0);
  });

  it('rejects at once beyond the queue, without running the task', async () => {
    const b = createBulkhead({ maxConcurrent: 1, maxQueued: 1 });
    const g = gate();
    const first = b.run(() => g.opened);
    const second = b.run(() => g.opened);
    let ran = false;
    await expect(
      b.run(async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(BulkheadRejectedError);
    expect(ran).toBe(false);
    g.open();
    await Promise.all([first, second]);
  });

  it('drops a queued call whose signal aborts and gives the slot to the next one', async () => {
    const b = createBulkhead({ maxConcurrent: 1, maxQueued: 5 });
    const g = gate();
    const first = b.run(() => g.opened);
    const ac = new AbortController();
    let abortedRan = false;
    const aborted = b.run(async () => {
      abortedRan = true;
    }, ac.signal);
    const third = b.run(async () => 'third');
    ac.abort(new Error('client went away'));
    await expect(aborted).rejects.toThrow('client went away');
    expect(b.queued()).toBe(1);
    g.open();
    await first;
    expect(await third).toBe('third');
    expect(abortedRan).toBe(false);
    await expect(b.run(async () => 1, ac.signal)).rejects.toThrow('client went away');
  });

  it('frees the slot when a task fails', async () => {
    const b = createBulkhead({ maxConcurrent: 1, maxQueued: 0 });
    await expect(b.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(b.active()).toBe(0);
    expect(await b.run(async () => 'ok')).toBe('ok');
  });
});
