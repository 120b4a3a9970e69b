// An MQTT connection (mqtt.js v5) subscribed to the AWS IoT job topics: AWS IoT Core or the emulator's broker.
import { randomBytes } from 'node:crypto';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../../logger.js';
import { JOB_EVENT_TOPIC_FILTERS } from '../jobEvents.js';
import type { JobEventSource } from './source.js';

/** Where and how to connect; produced by src/upstream/iotEvents.ts for AWS IoT Core. */
export interface MqttConnectionSpec {
  url: string;
  /** Extra mqtt.js options: TLS material, a URL signer (transformWsUrl). */
  options?: IClientOptions;
  /** Releases what the spec holds (credential refresh timers); default nothing. */
  dispose?: () => void;
}

export interface MqttSourceOptions {
  name: string;
  /** Called until it succeeds (endpoint discovery, credentials), 5 s apart. */
  connection: () => Promise<MqttConnectionSpec>;
  /** Each connection uses `<prefix>-<random>`: AWS IoT drops an older connection with the same client id. */
  clientIdPrefix: string;
  logger: Logger;
}

const SETUP_RETRY_MS = 5000;
/** mqtt.js reconnects this long after losing the connection. */
const RECONNECT_MS = 1000;

export function createMqttSource(options: MqttSourceOptions): JobEventSource {
  const { logger } = options;
  let client: MqttClient | undefined;
  let spec: MqttConnectionSpec | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  return {
    name: options.name,
    start(handlers) {
      let subscribedOnce = false;
      const open = (s: MqttConnectionSpec) => {
        client = connect(s.url, {
          clientId: `${options.clientIdPrefix}-${randomBytes(6).toString('hex')}`,
          clean: true,
          keepalive: 30,
          reconnectPeriod: RECONNECT_MS,
          connectTimeout: 10_000,
          // Subscribing again on every connect lets us know when the topics are live again.
          resubscribe: false,
          ...s.options,
        });
        const c = client;
        c.on('connect', () => {
          c.subscribe([...JOB_EVENT_TOPIC_FILTERS], { qos: 1 }, (err, granted) => {
            if (err) {
              logger.warn({ err: err.message, source: options.name }, 'job event subscription failed');
              return;
            }
            const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
            if (refused.length > 0)
              logger.error(
                { refused, source: options.name },
                'job event topics refused by the broker (check the IoT policy)',
              );
            logger.info({ source: options.name, resync: subscribedOnce }, 'job events connected');
            // After a reconnect, messages sent while we were away are lost: reconcile now.
            if (subscribedOnce) handlers.onResync();
            subscribedOnce = true;
            markReady();
          });
        });
        c.on('message', (topic, payload) => handlers.onMessage(topic, payload));
        c.on('offline', () => logger.warn({ source: options.name }, 'job events disconnected; reconnecting'));
        c.on('error', (err) =>
          logger.warn({ err: err.message, source: options.name }, 'job events connection error'),
        );
      };
      const setup = () => {
        options.connection().then(
          (s) => {
            if (closed) return s.dispose?.();
            spec = s;
            open(s);
          },
          (err: unknown) => {
            if (closed) return;
            logger.warn({ err, source: options.name }, 'cannot set up the job events connection; retrying');
            retryTimer = setTimeout(setup, SETUP_RETRY_MS);
            retryTimer.unref();
          },
        );
      };
      setup();
    },
    ready: () => ready,
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      spec?.dispose?.();
      await client?.endAsync(true);
    },
  };
}
