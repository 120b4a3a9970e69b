import { existsSync } from 'node:fs';
import { z } from 'zod';
import { intSetting } from './settingsSchemas.js';
import { securityEnvShape, securitySettingsFrom, type SecuritySettings } from './security/settings.js';
import {
  subscriptionsEnvShape,
  subscriptionSettingsFrom,
  type SubscriptionSettings,
} from './subscriptions/settings.js';

// The only module that reads process.env: everything else receives the frozen Config.

export type UpstreamMode = 'emulator' | 'aws';
export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** IOT_UPSTREAM: 'emulator' (default) starts the embedded emulator in-process; 'aws' calls AWS. */
  readonly upstream: UpstreamMode;
  /** PORT: HTTP port, default 4000 (0 = ephemeral). */
  readonly port: number;
  /** HOST: interface to bind; default 0.0.0.0 in production (containers), 127.0.0.1 otherwise. */
  readonly host: string;
  /** NODE_ENV: default 'development'. */
  readonly nodeEnv: NodeEnv;
  readonly aws: {
    /** AWS_REGION: required with IOT_UPSTREAM=aws, default us-east-1 with the emulator. */
    readonly region: string;
    /** AWS_ENDPOINT_URL_IOT: control-plane endpoint override. */
    readonly controlEndpoint: string | undefined;
    /** AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE: data-plane endpoint; else discovered with DescribeEndpoint. */
    readonly dataEndpoint: string | undefined;
    /** AWS_ENDPOINT_URL: fallback endpoint for both planes. */
    readonly endpoint: string | undefined;
    /** AWS_MAX_ATTEMPTS: SDK attempts per call, retries included; default 3. */
    readonly maxAttempts: number;
    /** AWS_RETRY_MODE: 'standard' (default) or 'adaptive'. */
    readonly retryMode: 'standard' | 'adaptive';
    /** UPSTREAM_TIMEOUT_MS: per-attempt request timeout, default 5000 ms. */
    readonly timeoutMs: number;
  };
  readonly graphql: {
    /** GRAPHQL_INTROSPECTION: default true except in production. */
    readonly introspection: boolean;
    /** GRAPHQL_LANDING_PAGE: Apollo Sandbox on GET /graphql; default true except in production. */
    readonly landingPage: boolean;
  };
  /** CORS_ORIGINS: browser origins (comma-separated) allowed to call /graphql, e.g. a web app; default none. */
  readonly corsOrigins: readonly string[];
  /** LOG_LEVEL: pino level, default 'info'. */
  readonly logLevel: LogLevel;
  readonly observability: {
    /** READINESS_CHECK_INTERVAL_MS: how long /readyz reuses its upstream check; default 10000 ms. */
    readonly readinessIntervalMs: number;
    /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT: traces are on only when set. */
    readonly otlpEndpoint: string | undefined;
    /** OTEL_SERVICE_NAME: service.name of the traces; default 'iot-jobs-graphql'. */
    readonly serviceName: string;
  };
  readonly emulator: {
    /** EMULATOR_SEED: 'demo' (default), 'none' or the path of a JSON seed file. */
    readonly seed: string;
    /** EMULATOR_PORT: default 0 (ephemeral). */
    readonly port: number;
  };
  /** Authentication, authorization, limits and resilience: see src/security/settings.ts for every key. */
  readonly security: SecuritySettings;
  /** Live updates over WebSocket: event sources and reconciliation; see src/subscriptions/settings.ts. */
  readonly subscriptions: SubscriptionSettings;
}

/** A bad setting; its message is the one line printed before exiting. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const portSchema = (name: string) => intSetting(name, 0, 65_535);

const boolSchema = (name: string) => z.stringbool({ error: `${name} must be true or false` }).optional();

const urlSchema = (name: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be an http:// or https:// URL` }).optional();

const envSchema = z.object({
  IOT_UPSTREAM: z
    .enum(['emulator', 'aws'], { error: 'IOT_UPSTREAM must be emulator or aws' })
    .default('emulator'),
  PORT: portSchema('PORT').default(4000),
  HOST: z.string().min(1, 'HOST must not be empty').optional(),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      error: 'NODE_ENV must be development, production or test',
    })
    .default('development'),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'AWS_REGION must look like us-east-1')
    .optional(),
  AWS_ENDPOINT_URL_IOT: urlSchema('AWS_ENDPOINT_URL_IOT'),
  AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE: urlSchema('AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE'),
  AWS_ENDPOINT_URL: urlSchema('AWS_ENDPOINT_URL'),
  AWS_MAX_ATTEMPTS: intSetting('AWS_MAX_ATTEMPTS', 1, 10).default(3),
  AWS_RETRY_MODE: z
    .enum(['standard', 'adaptive'], { error: 'AWS_RETRY_MODE must be standard or adaptive' })
    .default('standard'),
  UPSTREAM_TIMEOUT_MS: intSetting('UPSTREAM_TIMEOUT_MS', 100, 120_000).default(5000),
  GRAPHQL_INTROSPECTION: boolSchema('GRAPHQL_INTROSPECTION'),
  GRAPHQL_LANDING_PAGE: boolSchema('GRAPHQL_LANDING_PAGE'),
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine((origins) => origins.every(isOrigin), {
      error: 'CORS_ORIGINS must list origins such as https://app.example.com, separated by commas',
    })
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  EMULATOR_SEED: z
    .string()
    .min(1, 'EMULATOR_SEED must be demo, none or a file path')
    .refine((seed) => seed === 'demo' || seed === 'none' || existsSync(seed), {
      error: 'EMULATOR_SEED must be demo, none or the path of an existing JSON file',
    })
    .default('demo'),
  EMULATOR_PORT: portSchema('EMULATOR_PORT').default(0),
  READINESS_CHECK_INTERVAL_MS: intSetting('READINESS_CHECK_INTERVAL_MS', 100, 600_000).default(10_000),
  OTEL_EXPORTER_OTLP_ENDPOINT: urlSchema('OTEL_EXPORTER_OTLP_ENDPOINT'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: urlSchema('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
  OTEL_SERVICE_NAME: z.string().min(1).max(200).default('iot-jobs-graphql'),
  ...securityEnvShape,
  ...subscriptionsEnvShape,
});

// An origin is scheme://host[:port] exactly: a path or a trailing slash never matches a browser's Origin header.
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

// Empty strings count as unset, as most shells and .env tools leave them.
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

/** Parses the environment once; throws ConfigError naming every bad setting on one line. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${[...new Set(problems)].join('; ')}`);
  }
  const e = parsed.data;
  if (e.IOT_UPSTREAM === 'aws' && e.AWS_REGION === undefined) {
    throw new ConfigError('Invalid configuration: AWS_REGION is required when IOT_UPSTREAM=aws');
  }
  const security = securitySettingsFrom(e, e.IOT_UPSTREAM);
  if (!security.ok) throw new ConfigError(`Invalid configuration: ${security.problems.join('; ')}`);
  const subscriptions = subscriptionSettingsFrom(e, e.IOT_UPSTREAM);
  if (!subscriptions.ok) throw new ConfigError(`Invalid configuration: ${subscriptions.problems.join('; ')}`);
  const production = e.NODE_ENV === 'production';
  const config: Config = {
    upstream: e.IOT_UPSTREAM,
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    nodeEnv: e.NODE_ENV,
    aws: {
      region: e.AWS_REGION ?? 'us-east-1',
      controlEndpoint: e.AWS_ENDPOINT_URL_IOT,
      dataEndpoint: e.AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE,
      endpoint: e.AWS_ENDPOINT_URL,
      maxAttempts: e.AWS_MAX_ATTEMPTS,
      retryMode: e.AWS_RETRY_MODE,
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? !production,
      landingPage: e.GRAPHQL_LANDING_PAGE ?? !production,
    },
    corsOrigins: e.CORS_ORIGINS ?? [],
    logLevel: e.LOG_LEVEL,
    observability: {
      readinessIntervalMs: e.READINESS_CHECK_INTERVAL_MS,
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: e.OTEL_SERVICE_NAME,
    },
    emulator: { seed: e.EMULATOR_SEED, port: e.EMULATOR_PORT },
    security: security.settings,
    subscriptions: subscriptions.settings,
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
