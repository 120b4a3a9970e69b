// Fan-out of job events across replicas through Redis pub/sub: every replica forwards the messages it
// receives, and reads the executions its own clients watch. Duplicates are dropped by message id.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { JOB_EXECUTION_STATUSES, type JobExecutionStatus } from '../domain/models.js';
import type { Logger } from '../logger.js';
import type { JobEvent } from './jobEvents.js';

export interface RedisFanoutOptions {
  /** e.g. redis://127.0.0.1:6379 (REDIS_URL). */
  url: string;
  /** Channel name; the gateway uses `<REDIS_KEY_PREFIX>:job-events`. */
  channel: string;
  logger: Logger;
  /** Receives the events other replicas forwarded. */
  onEvent: (event: JobEvent) => void;
  /** Called when the subscription to the channel is back after an outage (events may have been missed). */
  onResync: () => void;
}

export interface RedisFanout {
  /** Sends one event to every other replica; dropped (logged) while Redis is unreachable. */
  publish(event: JobEvent): void;
  /** Resolves once the channel subscription is active. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const hintSchema = z.object({
  jobId: z.string(),
  thingName: z.string(),
  executionNumber: z.number().nullable(),
  versionNumber: z.number().nullable(),
  status: z.enum(JOB_EXECUTION_STATUSES as [JobExecutionStatus, ...JobExecutionStatus[]]).nullable(),
});
const envelopeSchema = z.object({
  v: z.literal(1),
  origin: z.string(),
  event: z.object({
    id: z.string(),
    hints: z.array(hintSchema).max(100),
    pendingListOf: z.string().optional(),
  }),
});

export function createRedisFanout(options: RedisFanoutOptions): RedisFanout {
  const origin = randomUUID();
  const common = {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    // Back off up to 2 s between reconnection attempts, forever.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 2000),
  };
  // A subscribed connection can do nothing else, so publishing needs its own.
  const publisher = new Redis(options.url, { ...common, enableOfflineQueue: false });
  const subscriber = new Redis(options.url, common);
  const warn = (err: Error) => options.logger.warn({ err: err.message }, 'redis (job events) error');
  publisher.on('error', warn);
  subscriber.on('error', warn);

  let subscribedOnce = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  // ioredis re-subscribes by itself after a reconnect; 'ready' tells us the channel is live again.
  subscriber.on('ready', () => {
    void subscriber.subscribe(options.channel).then(
      () => {
        if (subscribedOnce) options.onResync();
        subscribedOnce = true;
        markReady();
      },
      (err: unknown) => warn(err as Error),
    );
  });
  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== options.channel) return;
    let envelope: z.output<typeof envelopeSchema>;
    try {
      envelope = envelopeSchema.parse(JSON.parse(text));
    } catch {
      options.logger.warn('ignored a malformed job event from redis');
      return;
    }
    if (envelope.origin === origin) return;
    const { pendingListOf, ...rest } = envelope.event;
    options.onEvent(pendingListOf === undefined ? rest : { ...rest, pendingListOf });
  });
  void publisher.connect().catch(warn);
  void subscriber.connect().catch(warn);

  return {
    publish(event) {
      publisher.publish(options.channel, JSON.stringify({ v: 1, origin, event })).catch(warn);
    },
    ready: () => ready,
    async close() {
      await Promise.all(
        [publisher, subscriber].map(async (client) => {
          if (client.status !== 'end') await client.quit().catch(() => client.disconnect());
        }),
      );
    },
  };
}
