// Environment settings of the live updates (subscriptions); src/config.ts merges them into Config.
import { z } from 'zod';
import { intSetting } from '../settingsSchemas.js';

const file = (name: string) => z.string().min(1, `${name} must not be empty`).optional();

/** The environment keys, each with its default; documented in the README, section "Live updates (subscriptions)". */
export const subscriptionsEnvShape = {
  JOB_EVENTS_SOURCE: z
    .enum(['auto', 'mqtt', 'in-process', 'none'], {
      error: 'JOB_EVENTS_SOURCE must be auto, mqtt, in-process or none',
    })
    .default('auto'),
  EMULATOR_MQTT_URL: z
    .url({
      protocol: /^(mqtts?|wss?)$/,
      error: 'EMULATOR_MQTT_URL must be an mqtt://, mqtts://, ws:// or wss:// URL',
    })
    .optional(),
  IOT_MQTT_ENDPOINT: z
    .string()
    .regex(
      /^[a-zA-Z0-9.-]+(:\d{1,5})?$/,
      'IOT_MQTT_ENDPOINT must be a host name such as abc123-ats.iot.eu-west-1.amazonaws.com',
    )
    .optional(),
  IOT_MQTT_AUTH: z.enum(['sigv4', 'mtls'], { error: 'IOT_MQTT_AUTH must be sigv4 or mtls' }).default('sigv4'),
  IOT_MQTT_CERT_FILE: file('IOT_MQTT_CERT_FILE'),
  IOT_MQTT_KEY_FILE: file('IOT_MQTT_KEY_FILE'),
  IOT_MQTT_CA_FILE: file('IOT_MQTT_CA_FILE'),
  IOT_MQTT_CLIENT_ID_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'IOT_MQTT_CLIENT_ID_PREFIX must be 1-64 characters of [A-Za-z0-9_-]')
    .default('iot-jobs-graphql'),
  SUBSCRIPTIONS_RECONCILE_INTERVAL_MS: intSetting(
    'SUBSCRIPTIONS_RECONCILE_INTERVAL_MS',
    1000,
    3_600_000,
  ).default(30_000),
  SUBSCRIPTIONS_MAX_PER_CONNECTION: intSetting('SUBSCRIPTIONS_MAX_PER_CONNECTION', 1, 1000).default(25),
};

type SubscriptionsEnv = z.output<z.ZodObject<typeof subscriptionsEnvShape>>;

/** Where this replica hears about job-execution changes. */
export type JobEventSourceSettings =
  | { readonly kind: 'none' }
  /** The embedded emulator's own event feed (no broker). */
  | { readonly kind: 'in-process' }
  /** A plain MQTT broker the emulator publishes to (EMULATOR_MQTT_URL). */
  | { readonly kind: 'broker'; readonly url: string }
  /** AWS IoT Core, over WebSocket with SigV4 or over TLS with a client certificate. */
  | {
      readonly kind: 'aws-iot';
      /** Data endpoint host; undefined = discovered with DescribeEndpoint(iot:Data-ATS). */
      readonly endpoint: string | undefined;
      readonly auth:
        | { readonly kind: 'sigv4' }
        | {
            readonly kind: 'mtls';
            readonly certFile: string;
            readonly keyFile: string;
            readonly caFile: string | undefined;
          };
    };

export interface SubscriptionSettings {
  readonly source: JobEventSourceSettings;
  /** EMULATOR_MQTT_URL: the broker the embedded emulator publishes to; undefined = in-process only. */
  readonly emulatorMqttUrl: string | undefined;
  /** IOT_MQTT_CLIENT_ID_PREFIX: each replica connects as `<prefix>-<random>`; default 'iot-jobs-graphql'. */
  readonly clientIdPrefix: string;
  /** SUBSCRIPTIONS_RECONCILE_INTERVAL_MS: how often watched executions are re-read; default 30000 ms. */
  readonly reconcileIntervalMs: number;
  /** SUBSCRIPTIONS_MAX_PER_CONNECTION: active subscriptions per WebSocket; default 25. */
  readonly maxPerConnection: number;
}

/**
 * Builds the settings, or returns the problems. JOB_EVENTS_SOURCE=auto means AWS IoT Core with
 * IOT_UPSTREAM=aws, else the emulator's broker when EMULATOR_MQTT_URL is set, else its in-process feed.
 */
export function subscriptionSettingsFrom(
  e: SubscriptionsEnv,
  upstream: 'emulator' | 'aws',
): { ok: true; settings: SubscriptionSettings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  let source: JobEventSourceSettings = { kind: 'none' };
  const wanted = e.JOB_EVENTS_SOURCE;
  if (wanted === 'in-process' && upstream === 'aws')
    problems.push('JOB_EVENTS_SOURCE=in-process needs IOT_UPSTREAM=emulator');
  if (wanted === 'mqtt' && upstream === 'emulator' && !e.EMULATOR_MQTT_URL)
    problems.push('JOB_EVENTS_SOURCE=mqtt with the emulator needs EMULATOR_MQTT_URL');
  if (wanted === 'in-process') source = { kind: 'in-process' };
  else if ((wanted === 'auto' || wanted === 'mqtt') && upstream === 'emulator')
    source = e.EMULATOR_MQTT_URL ? { kind: 'broker', url: e.EMULATOR_MQTT_URL } : { kind: 'in-process' };
  else if (wanted === 'auto' || wanted === 'mqtt') {
    if (e.IOT_MQTT_AUTH === 'mtls' && (!e.IOT_MQTT_CERT_FILE || !e.IOT_MQTT_KEY_FILE))
      problems.push('IOT_MQTT_AUTH=mtls needs IOT_MQTT_CERT_FILE and IOT_MQTT_KEY_FILE');
    source = {
      kind: 'aws-iot',
      endpoint: e.IOT_MQTT_ENDPOINT,
      auth:
        e.IOT_MQTT_AUTH === 'mtls'
          ? {
              kind: 'mtls',
              certFile: e.IOT_MQTT_CERT_FILE ?? '',
              keyFile: e.IOT_MQTT_KEY_FILE ?? '',
              caFile: e.IOT_MQTT_CA_FILE,
            }
          : { kind: 'sigv4' },
    };
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      source,
      emulatorMqttUrl: e.EMULATOR_MQTT_URL,
      clientIdPrefix: e.IOT_MQTT_CLIENT_ID_PREFIX,
      reconcileIntervalMs: e.SUBSCRIPTIONS_RECONCILE_INTERVAL_MS,
      maxPerConnection: e.SUBSCRIPTIONS_MAX_PER_CONNECTION,
    },
  };
}
