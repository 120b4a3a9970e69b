// Live job-execution updates: event source → hub (dedupe, order, fresh reads, reconciliation) →
// graphql-ws subscriptions on the gateway's own port and path; Redis fans events out across replicas.
import type { Server } from 'node:http';
import type { Config } from '../config.js';
import { createSchema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import type { GatewaySecurity } from '../security/gatewaySecurity.js';
import { JobEventHub } from './hub.js';
import { parseJobEvent } from './jobEvents.js';
import type { RedisFanout } from './redisFanout.js';
import { subscriptionResolvers } from './resolvers.js';
import { createSubscriptionServer } from './server.js';
import { createInProcessSource, isInProcessJobEventFeed, type JobEventSource } from './sources/source.js';

export type { JobEventSource } from './sources/source.js';

export interface SubscriptionsDeps {
  httpServer: Server;
  logger: Logger;
  /** The gateway's security layer: its upstream (breakers, bulkhead), policy and document limits. */
  security: GatewaySecurity;
  /** The embedded emulator; its in-process feed is the source when no broker is configured. */
  emulator?: unknown;
  /** Replaces the source chosen from the configuration; default from config.subscriptions.source. */
  source?: JobEventSource;
}

export interface Subscriptions {
  readonly hub: JobEventHub;
  /** Resolves once the event source and the Redis fan-out deliver; never rejects. */
  ready(): Promise<void>;
  /** Closes the WebSockets, the source and Redis. Idempotent. */
  close(): Promise<void>;
}

export async function createSubscriptions(config: Config, deps: SubscriptionsDeps): Promise<Subscriptions> {
  const { logger, security } = deps;
  const settings = config.subscriptions;
  // Only enforce binds subscriptions to the manifest (allow would accept any document anyway).
  const manifest = config.security.trustedDocuments.mode === 'enforce' ? security.trustedManifest : undefined;

  let fanout: RedisFanout | undefined;
  const hub = new JobEventHub({
    upstream: security.upstream,
    logger,
    forward: (event) => fanout?.publish(event),
  });
  const resync = () => void hub.reconcile();
  if (config.security.redisUrl) {
    // Loaded only when configured: ioredis and mqtt would add ~0.4 s to every cold start.
    const { createRedisFanout } = await import('./redisFanout.js');
    fanout = createRedisFanout({
      url: config.security.redisUrl,
      channel: `${config.security.redisKeyPrefix}:job-events`,
      logger,
      onEvent: (event) => hub.ingest(event, true),
      onResync: resync,
    });
  }
  const source = deps.source ?? (await sourceFor(config, deps.emulator, logger));
  source?.start({
    onMessage(topic, payload) {
      const event = parseJobEvent(topic, payload);
      if (event) hub.ingest(event);
      else logger.debug({ topic }, 'ignored a message that is not a job event');
    },
    onResync: resync,
  });
  logger.info(
    { source: source?.name ?? 'none', redis: fanout !== undefined },
    'job event subscriptions enabled',
  );
  const timer = setInterval(() => {
    if (hub.active) resync();
  }, settings.reconcileIntervalMs);
  timer.unref();

  const server = createSubscriptionServer({
    httpServer: deps.httpServer,
    schema: createSchema({ Subscription: subscriptionResolvers(hub) }),
    security,
    authenticator: security.authenticator,
    logger,
    maxPerConnection: settings.maxPerConnection,
    maxTokens: config.security.limits.maxTokens,
    maxCost: config.security.limits.maxCost,
    ...(manifest ? { trustedDocuments: manifest } : {}),
    production: config.nodeEnv === 'production',
  });

  let closing: Promise<void> | undefined;
  return {
    hub,
    ready: async () => {
      await Promise.all([source?.ready(), fanout?.ready()]);
    },
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        await server.close();
        hub.close();
        await Promise.all([source?.close(), fanout?.close()]);
      })();
      return closing;
    },
  };
}

async function sourceFor(
  config: Config,
  emulator: unknown,
  logger: Logger,
): Promise<JobEventSource | undefined> {
  const { source, clientIdPrefix } = config.subscriptions;
  switch (source.kind) {
    case 'none':
      return undefined;
    case 'in-process':
      if (isInProcessJobEventFeed(emulator)) return createInProcessSource(emulator);
      logger.warn('no embedded emulator feed: subscriptions rely on reconciliation and Redis only');
      return undefined;
    case 'broker': {
      const { createMqttSource } = await import('./sources/mqttSource.js');
      return createMqttSource({
        name: `mqtt ${source.url}`,
        connection: async () => ({ url: source.url }),
        clientIdPrefix,
        logger,
      });
    }
    case 'aws-iot': {
      const [{ createMqttSource }, { createIotEventsConnection }] = await Promise.all([
        import('./sources/mqttSource.js'),
        import('../upstream/iotEvents.js'),
      ]);
      return createMqttSource({
        name: 'AWS IoT Core',
        connection: () =>
          createIotEventsConnection({
            region: config.aws.region,
            endpoint: source.endpoint,
            controlEndpoint: config.aws.controlEndpoint ?? config.aws.endpoint,
            auth: source.auth.kind === 'mtls' ? { ...source.auth } : { kind: 'sigv4' },
          }),
        clientIdPrefix,
        logger,
      });
    }
  }
}
