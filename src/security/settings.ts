// Environment settings of the security and resilience layer; src/config.ts merges them into Config.
import { z } from 'zod';
import { intSetting } from '../settingsSchemas.js';

const list = (name: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .refine((items) => items.length > 0, `${name} must list at least one value`);

/** The environment keys, each with its default; documented in the README, section "Security and reliability". */
export const securityEnvShape = {
  AUTH_MODE: z.enum(['jwt', 'none'], { error: 'AUTH_MODE must be jwt or none' }).optional(),
  AUTH_JWKS_URL: z
    .url({ protocol: /^https?$/, error: 'AUTH_JWKS_URL must be an http:// or https:// URL' })
    .optional(),
  AUTH_ISSUER: list('AUTH_ISSUER').optional(),
  AUTH_AUDIENCE: list('AUTH_AUDIENCE').optional(),
  AUTH_ALGORITHMS: list('AUTH_ALGORITHMS')
    .refine(
      (algs) => algs.every((a) => /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/.test(a)),
      'AUTH_ALGORITHMS accepts asymmetric JWS algorithms only (RS*, PS*, ES*, EdDSA)',
    )
    .default(['RS256', 'ES256']),
  AUTH_GROUPS_CLAIM: z.string().min(1).default('cognito:groups'),
  AUTH_CLOCK_TOLERANCE_SECONDS: intSetting('AUTH_CLOCK_TOLERANCE_SECONDS', 0, 300).default(5),
  AUTH_JWKS_COOLDOWN_MS: intSetting('AUTH_JWKS_COOLDOWN_MS', 0, 3_600_000).default(30_000),
  AUTH_JWKS_CACHE_MAX_AGE_MS: intSetting('AUTH_JWKS_CACHE_MAX_AGE_MS', 1000, 86_400_000).default(600_000),
  AUTH_POLICY_FILE: z.string().min(1).optional(),
  AUTH_POLICY: z.string().min(1).optional(),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL' })
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'REDIS_KEY_PREFIX must be 1-64 characters of [A-Za-z0-9_:.-]')
    .default('iotjobs'),
  RATE_LIMIT_QUERY_POINTS: intSetting('RATE_LIMIT_QUERY_POINTS', 1, 1_000_000).default(300),
  RATE_LIMIT_MUTATION_POINTS: intSetting('RATE_LIMIT_MUTATION_POINTS', 1, 1_000_000).default(30),
  RATE_LIMIT_WINDOW_SECONDS: intSetting('RATE_LIMIT_WINDOW_SECONDS', 1, 86_400).default(60),
  IDEMPOTENCY_TTL_SECONDS: intSetting('IDEMPOTENCY_TTL_SECONDS', 60, 7 * 86_400).default(86_400),
  GRAPHQL_MAX_DEPTH: intSetting('GRAPHQL_MAX_DEPTH', 2, 100).default(8),
  GRAPHQL_MAX_ALIASES: intSetting('GRAPHQL_MAX_ALIASES', 0, 1000).default(15),
  GRAPHQL_MAX_DIRECTIVES: intSetting('GRAPHQL_MAX_DIRECTIVES', 0, 1000).default(50),
  GRAPHQL_MAX_TOKENS: intSetting('GRAPHQL_MAX_TOKENS', 100, 100_000).default(2000),
  GRAPHQL_MAX_COST: intSetting('GRAPHQL_MAX_COST', 10, 10_000_000).default(50_000),
  TRUSTED_DOCUMENTS: z
    .enum(['off', 'allow', 'enforce'], { error: 'TRUSTED_DOCUMENTS must be off, allow or enforce' })
    .default('off'),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).optional(),
  UPSTREAM_DEADLINE_MS: intSetting('UPSTREAM_DEADLINE_MS', 100, 300_000).default(10_000),
  UPSTREAM_MAX_CONCURRENCY: intSetting('UPSTREAM_MAX_CONCURRENCY', 1, 10_000).default(100),
  // A page of 100 executions with 20 distinct jobs fans out in one round of DescribeJob calls, not three.
  UPSTREAM_MAX_CONCURRENCY_PER_REQUEST: intSetting('UPSTREAM_MAX_CONCURRENCY_PER_REQUEST', 1, 10_000).default(
    32,
  ),
  // 1,000 waiting calls absorb a burst of 1,000 concurrent mutations without shedding (a waiter is a
  // few hundred bytes); whatever waits past UPSTREAM_DEADLINE_MS is still shed by the deadline.
  UPSTREAM_MAX_QUEUE: intSetting('UPSTREAM_MAX_QUEUE', 0, 100_000).default(1000),
  BREAKER_ERROR_THRESHOLD_PERCENT: intSetting('BREAKER_ERROR_THRESHOLD_PERCENT', 1, 100).default(50),
  BREAKER_VOLUME_THRESHOLD: intSetting('BREAKER_VOLUME_THRESHOLD', 1, 10_000).default(10),
  BREAKER_RESET_TIMEOUT_MS: intSetting('BREAKER_RESET_TIMEOUT_MS', 10, 3_600_000).default(30_000),
  SHUTDOWN_GRACE_MS: intSetting('SHUTDOWN_GRACE_MS', 0, 600_000).default(10_000),
};

type SecurityEnv = z.output<z.ZodObject<typeof securityEnvShape>>;

export interface SecuritySettings {
  readonly auth:
    | { readonly mode: 'none'; readonly explicit: boolean }
    | {
        readonly mode: 'jwt';
        readonly jwksUrl: string;
        readonly issuer: readonly string[];
        readonly audiences: readonly string[];
        readonly algorithms: readonly string[];
        readonly groupsClaim: string;
        readonly clockToleranceSeconds: number;
        readonly jwksCooldownMs: number;
        readonly jwksCacheMaxAgeMs: number;
      };
  /** Where the policy comes from; none → allow-all with AUTH_MODE=none, startup error with jwt. */
  readonly policy: { readonly file?: string; readonly inline?: string };
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key, so deployments can share one Redis. */
  readonly redisKeyPrefix: string;
  readonly rateLimit: {
    readonly queryPoints: number;
    readonly mutationPoints: number;
    readonly windowSeconds: number;
  };
  readonly idempotencyTtlMs: number;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxDirectives: number;
    readonly maxTokens: number;
    readonly maxCost: number;
  };
  readonly trustedDocuments: {
    readonly mode: 'off' | 'allow' | 'enforce';
    readonly manifest: string | undefined;
  };
  readonly upstreamDeadlineMs: number;
  readonly bulkhead: { readonly maxConcurrent: number; readonly maxQueued: number };
  /** Upstream calls one GraphQL operation may have in flight at once (its DataLoaders and lists). */
  readonly requestConcurrency: number;
  readonly breaker: {
    readonly errorThresholdPercentage: number;
    readonly volumeThreshold: number;
    readonly resetTimeoutMs: number;
  };
  readonly shutdownGraceMs: number;
}

/**
 * Builds the settings, or returns the problems. AUTH_MODE defaults to none only with the embedded
 * emulator; with IOT_UPSTREAM=aws, missing JWT settings stop the start unless AUTH_MODE=none is explicit.
 */
export function securitySettingsFrom(
  e: SecurityEnv,
  upstream: 'emulator' | 'aws',
): { ok: true; settings: SecuritySettings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const jwtConfigured =
    e.AUTH_JWKS_URL !== undefined || e.AUTH_ISSUER !== undefined || e.AUTH_AUDIENCE !== undefined;
  const mode = e.AUTH_MODE ?? (upstream === 'aws' || jwtConfigured ? 'jwt' : 'none');
  let auth: SecuritySettings['auth'] = { mode: 'none', explicit: e.AUTH_MODE === 'none' };
  if (mode === 'jwt') {
    const missing = (['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const).filter(
      (k) => e[k] === undefined,
    );
    if (missing.length > 0) {
      problems.push(
        upstream === 'aws' && e.AUTH_MODE === undefined
          ? `authentication is not configured: set ${missing.join(', ')} (or AUTH_MODE=none to run without authentication)`
          : `AUTH_MODE=jwt needs ${missing.join(', ')}`,
      );
    }
    if (!e.AUTH_POLICY_FILE && !e.AUTH_POLICY)
      problems.push('AUTH_MODE=jwt needs AUTH_POLICY_FILE or AUTH_POLICY (deny-by-default policy)');
    auth = {
      mode: 'jwt',
      jwksUrl: e.AUTH_JWKS_URL ?? '',
      issuer: e.AUTH_ISSUER ?? [],
      audiences: e.AUTH_AUDIENCE ?? [],
      algorithms: e.AUTH_ALGORITHMS,
      groupsClaim: e.AUTH_GROUPS_CLAIM,
      clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_SECONDS,
      jwksCooldownMs: e.AUTH_JWKS_COOLDOWN_MS,
      jwksCacheMaxAgeMs: e.AUTH_JWKS_CACHE_MAX_AGE_MS,
    };
  }
  if (e.AUTH_POLICY_FILE && e.AUTH_POLICY) problems.push('set only one of AUTH_POLICY_FILE and AUTH_POLICY');
  if (e.TRUSTED_DOCUMENTS !== 'off' && !e.TRUSTED_DOCUMENTS_MANIFEST)
    problems.push(`TRUSTED_DOCUMENTS=${e.TRUSTED_DOCUMENTS} needs TRUSTED_DOCUMENTS_MANIFEST`);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      auth,
      policy: {
        ...(e.AUTH_POLICY_FILE ? { file: e.AUTH_POLICY_FILE } : {}),
        ...(e.AUTH_POLICY ? { inline: e.AUTH_POLICY } : {}),
      },
      redisUrl: e.REDIS_URL,
      redisKeyPrefix: e.REDIS_KEY_PREFIX,
      rateLimit: {
        queryPoints: e.RATE_LIMIT_QUERY_POINTS,
        mutationPoints: e.RATE_LIMIT_MUTATION_POINTS,
        windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      },
      idempotencyTtlMs: e.IDEMPOTENCY_TTL_SECONDS * 1000,
      limits: {
        maxDepth: e.GRAPHQL_MAX_DEPTH,
        maxAliases: e.GRAPHQL_MAX_ALIASES,
        maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
        maxTokens: e.GRAPHQL_MAX_TOKENS,
        maxCost: e.GRAPHQL_MAX_COST,
      },
      trustedDocuments: { mode: e.TRUSTED_DOCUMENTS, manifest: e.TRUSTED_DOCUMENTS_MANIFEST },
      upstreamDeadlineMs: e.UPSTREAM_DEADLINE_MS,
      bulkhead: { maxConcurrent: e.UPSTREAM_MAX_CONCURRENCY, maxQueued: e.UPSTREAM_MAX_QUEUE },
      requestConcurrency: e.UPSTREAM_MAX_CONCURRENCY_PER_REQUEST,
      breaker: {
        errorThresholdPercentage: e.BREAKER_ERROR_THRESHOLD_PERCENT,
        volumeThreshold: e.BREAKER_VOLUME_THRESHOLD,
        resetTimeoutMs: e.BREAKER_RESET_TIMEOUT_MS,
      },
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    },
  };
}
