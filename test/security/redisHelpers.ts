// Redis clients and a cuttable TCP proxy for tests that need the real Redis (and a Redis outage).
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { createSecurityRedis } from '../../src/security/redis.js';
import { testRedisUrl } from '../support/services.js';

export async function connectedRedis(url = testRedisUrl()): Promise<Redis> {
  const client = createSecurityRedis({ url });
  await client.connect();
  return client;
}

/** Deletes every key under `prefix` (SCAN, never KEYS). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A loopback TCP proxy in front of Redis; cut() simulates Redis going away for its clients. */
export interface RedisProxy {
  url: string;
  cut(): Promise<void>;
}

export async function startRedisProxy(target = new URL(testRedisUrl())): Promise<RedisProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(Number(target.port || 6379), target.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
