// Builds the gateway's security and resilience layer from Config: one place that wires every module together.
import type { CallSignal } from '../upstream/signal.js';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { GatewayContext } from '../context.js';
import { isUpstreamError } from '../domain/failures.js';
import type { Logger } from '../logger.js';
import { createBulkhead } from '../resilience/bulkhead.js';
import { createUpstreamBreaker } from '../resilience/circuitBreaker.js';
import { createDeadline, type Deadline } from '../resilience/deadline.js';
import { isNeutralUpstreamError, withResilience } from '../resilience/resilientUpstream.js';
import type { Upstream } from '../upstream/index.js';
import { createAuditLog } from './audit.js';
import { createJwtAuthenticator, createNoAuthAuthenticator, type Authenticator } from './authenticate.js';
import { httpAuthentication, type HttpAuthentication, type HttpRequestFacts } from './httpAuth.js';
import { createIdempotencyStore, parseIdempotencyKey } from './idempotency.js';
import { createOperationLimits, type LimitApolloOptions } from './operationLimits.js';
import { allowAllPolicy, createAuthorizer, loadPolicy, type CompiledPolicy } from './policy.js';
import { queryRateLimitPlugin } from './queryRateLimit.js';
import { createRateLimiter, rateLimitKey } from './rateLimit.js';
import type { RequestSecurity } from './requestSecurity.js';
import {
  loadTrustedDocumentManifest,
  trustedDocumentsPlugin,
  type TrustedDocumentManifest,
} from './trustedDocuments.js';
import { isSandboxRequest } from '../http/sandbox.js';
import { isThingName } from '../validation/rules.js';

export interface GatewaySecurity {
  /** The upstream wrapped in the bulkhead and the per-plane circuit breakers. */
  readonly upstream: Upstream;
  /** For /graphql: the caller, or 401/503 answered before Apollo when authentication fails. */
  readonly authenticate: HttpAuthentication;
  /** The one token verifier (and JWKS cache) of the process, for WebSocket connections too. */
  readonly authenticator: Authenticator;
  /** The trusted-document manifest when TRUSTED_DOCUMENTS is not off, read once at start. */
  readonly trustedManifest: TrustedDocumentManifest | undefined;
  /** Apollo additions: limits, trusted documents, query rate limits. */
  readonly apollo: {
    plugins: ApolloServerPlugin<GatewayContext>[];
    validationRules: ValidationRule[];
    options: LimitApolloOptions;
  };
  /** A deadline per request (UPSTREAM_DEADLINE_MS); `cancel()` it when the client goes away. */
  deadline(): Deadline;
  /** Upstream calls one operation may have in flight at once (UPSTREAM_MAX_CONCURRENCY_PER_REQUEST). */
  readonly requestConcurrency: number;
  /** ctx.security for one request, once authenticated. `signal` bounds thing-group lookups. */
  forRequest(request: HttpRequestFacts, signal: CallSignal): RequestSecurity;
  /** Closes Redis and the breakers' timers. */
  close(): Promise<void>;
}

/** Loads the policy and manifests and connects Redis; throws with a clear message on bad files. */
export async function createGatewaySecurity(
  config: Config,
  deps: { logger: Logger; upstream: Upstream },
): Promise<GatewaySecurity> {
  const s = config.security;
  const { logger } = deps;
  const production = config.nodeEnv === 'production';

  let authenticator: Authenticator;
  if (s.auth.mode === 'jwt') {
    authenticator = createJwtAuthenticator({
      jwksUrl: s.auth.jwksUrl,
      issuer: [...s.auth.issuer],
      audiences: [...s.auth.audiences],
      algorithms: [...s.auth.algorithms],
      groupsClaim: s.auth.groupsClaim,
      clockToleranceSeconds: s.auth.clockToleranceSeconds,
      jwksCooldownMs: s.auth.jwksCooldownMs,
      jwksCacheMaxAgeMs: s.auth.jwksCacheMaxAgeMs,
    });
  } else {
    authenticator = createNoAuthAuthenticator();
    if (config.upstream === 'aws') {
      logger.warn(
        { security: 'AUTH_MODE=none' },
        'AUTHENTICATION IS DISABLED (AUTH_MODE=none) WHILE CALLING AWS: every client can cancel, delete and update job executions',
      );
    }
  }

  const hasPolicy = s.policy.file !== undefined || s.policy.inline !== undefined;
  const policy: CompiledPolicy = hasPolicy ? await loadPolicy(s.policy) : allowAllPolicy();
  if (!hasPolicy) logger.info('no AUTH_POLICY: the anonymous caller may do everything (AUTH_MODE=none)');

  let redis: Redis | undefined;
  if (s.redisUrl) {
    // Loaded only when configured: ioredis alone adds ~0.2 s to a cold start.
    const { createSecurityRedis } = await import('./redis.js');
    redis = createSecurityRedis({
      url: s.redisUrl,
      onError: (err) => logger.warn({ err: err.message }, 'redis error'),
    });
    // Unreachable at start is survivable: queries use the insurance limiter, mutations are refused until it is back.
    await redis.connect().catch((err: unknown) => logger.error({ err }, 'redis is unreachable at startup'));
  }
  const rateLimiter = createRateLimiter({ ...s.rateLimit, redis, keyPrefix: `${s.redisKeyPrefix}:rl` });
  const idempotency = createIdempotencyStore({
    ttlMs: s.idempotencyTtlMs,
    redis,
    keyPrefix: `${s.redisKeyPrefix}:idem`,
  });
  const audit = createAuditLog(logger);

  const limits = createOperationLimits<GatewayContext>({ ...s.limits, production });
  const plugins: ApolloServerPlugin<GatewayContext>[] = [...limits.plugins, queryRateLimitPlugin()];
  let trustedManifest: TrustedDocumentManifest | undefined;
  if (s.trustedDocuments.mode !== 'off') {
    const manifest = await loadTrustedDocumentManifest(s.trustedDocuments.manifest!);
    trustedManifest = manifest;
    // Apollo Sandbox sends hand-written documents; it may do so only where it is offered, never in production.
    const sandboxOffered = !production && (config.graphql.landingPage || config.graphql.introspection);
    plugins.unshift(
      trustedDocumentsPlugin<GatewayContext>({
        mode: s.trustedDocuments.mode,
        manifest,
        ...(sandboxOffered ? { bypass: isSandboxRequest } : {}),
        onReject: ({ hash, operationName, enforced }) =>
          logger.info(
            { hash, operationName },
            enforced ? 'untrusted operation rejected' : 'untrusted operation allowed',
          ),
      }),
    );
  }

  const breakerFor = (name: string) =>
    createUpstreamBreaker({
      name,
      ...s.breaker,
      isNeutral: isNeutralUpstreamError,
      onStateChange: (state) =>
        logger.warn({ breaker: name, state }, 'upstream circuit breaker changed state'),
    });
  const upstream = withResilience(deps.upstream, {
    breakers: { control: breakerFor('iot-control'), data: breakerFor('iot-data') },
    bulkhead: createBulkhead(s.bulkhead),
  });

  return {
    upstream,
    authenticate: httpAuthentication(authenticator, logger),
    authenticator,
    trustedManifest,
    apollo: { plugins, validationRules: limits.validationRules, options: limits.apolloOptions },
    deadline: () => createDeadline(s.upstreamDeadlineMs),
    requestConcurrency: s.requestConcurrency,
    forRequest(request, signal) {
      const { caller, headers, ip } = request;
      const key = parseIdempotencyKey(headers['idempotency-key']);
      const thingGroupsOf = async (thingName: string): Promise<readonly string[]> => {
        if (!isThingName(thingName)) return [];
        try {
          return await upstream.listThingGroupsForThing(thingName, signal);
        } catch (err) {
          // An unknown thing has no groups: the same denial as an existing thing outside the caller's groups.
          if (isUpstreamError(err) && err.failure.kind === 'ResourceNotFound') return [];
          throw err;
        }
      };
      return {
        caller,
        authorizer: createAuthorizer(policy, { thingGroupsOf }),
        rateLimiter,
        rateLimitKey: rateLimitKey(caller, ip),
        idempotency,
        idempotencyKey: key?.ok ? key.key : undefined,
        audit,
        ip,
        userAgent: headers['user-agent'],
      };
    },
    async close() {
      if (redis && redis.status !== 'end') await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Why the Idempotency-Key header is malformed (answered 400 before Apollo runs), or undefined. */
export function idempotencyKeyProblem(header: string | string[] | undefined): string | undefined {
  const key = parseIdempotencyKey(header);
  return key && !key.ok ? key.reason : undefined;
}
