import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const jwtEnv = {
  AUTH_JWKS_URL: 'https://issuer.example.test/.well-known/jwks.json',
  AUTH_ISSUER: 'https://issuer.example.test',
  AUTH_AUDIENCE: 'app-1, app-2',
  AUTH_POLICY: '{"version":1,"rules":[]}',
};

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('security settings', () => {
  it('defaults to no authentication with the embedded emulator, and documents every default', () => {
    const s = loadConfig({}).security;
    expect(s).toEqual({
      auth: { mode: 'none', explicit: false },
      policy: {},
      redisUrl: undefined,
      redisKeyPrefix: 'iotjobs',
      rateLimit: { queryPoints: 300, mutationPoints: 30, windowSeconds: 60 },
      idempotencyTtlMs: 86_400_000,
      limits: { maxDepth: 8, maxAliases: 15, maxDirectives: 50, maxTokens: 2000, maxCost: 50_000 },
      trustedDocuments: { mode: 'off', manifest: undefined },
      upstreamDeadlineMs: 10_000,
      bulkhead: { maxConcurrent: 100, maxQueued: 1000 },
      requestConcurrency: 32,
      breaker: { errorThresholdPercentage: 50, volumeThreshold: 10, resetTimeoutMs: 30_000 },
      shutdownGraceMs: 10_000,
    });
  });

  it('refuses to start against AWS without authentication unless AUTH_MODE=none is explicit', () => {
    expect(problem({ IOT_UPSTREAM: 'aws', AWS_REGION: 'eu-west-1' })).toMatch(
      /authentication is not configured: set AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE \(or AUTH_MODE=none/,
    );
    expect(
      loadConfig({ IOT_UPSTREAM: 'aws', AWS_REGION: 'eu-west-1', AUTH_MODE: 'none' }).security.auth,
    ).toEqual({ mode: 'none', explicit: true });
  });

  it('switches to JWT as soon as JWT settings are given, and then needs all of them plus a policy', () => {
    expect(problem({ AUTH_ISSUER: 'https://issuer.example.test' })).toMatch(
      /AUTH_MODE=jwt needs AUTH_JWKS_URL, AUTH_AUDIENCE/,
    );
    expect(problem({ ...jwtEnv, AUTH_POLICY: '' })).toMatch(/needs AUTH_POLICY_FILE or AUTH_POLICY/);
    const auth = loadConfig({ ...jwtEnv, IOT_UPSTREAM: 'aws', AWS_REGION: 'eu-west-1' }).security.auth;
    expect(auth).toMatchObject({
      mode: 'jwt',
      issuer: ['https://issuer.example.test'],
      audiences: ['app-1', 'app-2'],
      algorithms: ['RS256', 'ES256'],
      groupsClaim: 'cognito:groups',
    });
  });

  it.each([
    [{ AUTH_MODE: 'basic' }, /AUTH_MODE must be jwt or none/],
    [{ ...jwtEnv, AUTH_ALGORITHMS: 'RS256,HS256' }, /asymmetric JWS algorithms only/],
    [{ ...jwtEnv, AUTH_POLICY_FILE: 'p.json' }, /only one of AUTH_POLICY_FILE and AUTH_POLICY/],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, /REDIS_URL must be a redis/],
    [{ RATE_LIMIT_MUTATION_POINTS: '0' }, /RATE_LIMIT_MUTATION_POINTS must be an integer/],
    [{ GRAPHQL_MAX_DEPTH: 'deep' }, /GRAPHQL_MAX_DEPTH must be an integer/],
    [{ TRUSTED_DOCUMENTS: 'enforce' }, /TRUSTED_DOCUMENTS=enforce needs TRUSTED_DOCUMENTS_MANIFEST/],
    [{ TRUSTED_DOCUMENTS: 'strict' }, /TRUSTED_DOCUMENTS must be off, allow or enforce/],
    [{ UPSTREAM_DEADLINE_MS: '10' }, /UPSTREAM_DEADLINE_MS must be an integer/],
    [
      { UPSTREAM_MAX_CONCURRENCY_PER_REQUEST: '0' },
      /UPSTREAM_MAX_CONCURRENCY_PER_REQUEST must be an integer/,
    ],
  ])('rejects %j', (env, message) => {
    expect(problem(env as Record<string, string>)).toMatch(message);
  });
});
