import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDrain, type Drain } from '../../src/resilience/drain.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  if (server) await once(server, 'close');
  server = undefined;
});

/** An app whose /slow answers when `release` is called. */
async function start(drain: Drain) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (!drain.admit(path, res)) return;
    const json = (body: unknown) =>
      res.setHeader('content-type', 'application/json').end(JSON.stringify(body));
    if (path === '/healthz') json({ status: 'ok' });
    else if (path === '/readyz') json({ status: 'ready' });
    else if (path === '/slow') void released.then(() => json({ done: true }));
    else json({ other: true });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, release };
}

describe('drain', () => {
  it('refuses new requests once draining, keeps liveness, and waits for the in-flight one', async () => {
    const drain = createDrain();
    const { base, release } = await start(drain);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const slow = fetch(`${base}/slow`);
    await expect.poll(() => drain.inFlight()).toBe(1);
    drain.begin();
    const idle = drain.idle(10_000);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'draining' });
    const refused = await fetch(`${base}/other`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    release();
    expect((await slow).status).toBe(200);
    expect(await idle).toBe(true);
    expect(drain.inFlight()).toBe(0);
  });

  it('gives up after the grace period when a request does not finish', async () => {
    const drain = createDrain();
    const { base } = await start(drain);
    void fetch(`${base}/slow`).catch(() => undefined);
    await expect.poll(() => drain.inFlight()).toBe(1);
    drain.begin();
    expect(await drain.idle(50)).toBe(false);
  });

  it('is idle at once with nothing in flight', async () => {
    expect(await createDrain().idle(10_000)).toBe(true);
  });
});
