import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig defaults', () => {
  it('emulator mode on port 4000, loopback, development settings', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      upstream: 'emulator',
      port: 4000,
      host: '127.0.0.1',
      nodeEnv: 'development',
      aws: {
        region: 'us-east-1',
        maxAttempts: 3,
        retryMode: 'standard',
        timeoutMs: 5000,
        dataEndpoint: undefined,
      },
      graphql: { introspection: true, landingPage: true },
      logLevel: 'info',
      emulator: { seed: 'demo', port: 0 },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.aws)).toBe(true);
  });

  it('production turns introspection and the landing page off and binds all interfaces', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({
      host: '0.0.0.0',
      graphql: { introspection: false, landingPage: false },
    });
  });

  it('explicit flags win over the NODE_ENV defaults', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_LANDING_PAGE: '1' })
        .graphql,
    ).toEqual({ introspection: true, landingPage: true });
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false' }).graphql.introspection).toBe(false);
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      IOT_UPSTREAM: 'aws',
      PORT: '8080',
      HOST: '::',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_IOT: 'https://iot.example.test',
      AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE: 'https://jobs.example.test',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9999',
      AWS_MAX_ATTEMPTS: '5',
      AWS_RETRY_MODE: 'adaptive',
      UPSTREAM_TIMEOUT_MS: '2500',
      LOG_LEVEL: 'debug',
      EMULATOR_SEED: 'none',
      EMULATOR_PORT: '4566',
      // With IOT_UPSTREAM=aws the gateway refuses to start without authentication unless this is explicit.
      AUTH_MODE: 'none',
    });
    expect(config).toMatchObject({
      upstream: 'aws',
      port: 8080,
      host: '::',
      aws: {
        region: 'eu-west-1',
        controlEndpoint: 'https://iot.example.test',
        dataEndpoint: 'https://jobs.example.test',
        endpoint: 'http://127.0.0.1:9999',
        maxAttempts: 5,
        retryMode: 'adaptive',
        timeoutMs: 2500,
      },
      logLevel: 'debug',
      emulator: { seed: 'none', port: 4566 },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', AWS_REGION: '  ' }).port).toBe(4000);
  });
});

describe('loadConfig errors: one line naming the setting', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '80.5' }],
    ['IOT_UPSTREAM', { IOT_UPSTREAM: 'azure' }],
    ['AWS_REGION', { IOT_UPSTREAM: 'aws' }],
    ['AWS_REGION', { AWS_REGION: 'moon' }],
    ['AWS_MAX_ATTEMPTS', { AWS_MAX_ATTEMPTS: '0' }],
    ['AWS_RETRY_MODE', { AWS_RETRY_MODE: 'legacy' }],
    ['UPSTREAM_TIMEOUT_MS', { UPSTREAM_TIMEOUT_MS: '10' }],
    ['AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE', { AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE: 'ftp://x' }],
    ['GRAPHQL_INTROSPECTION', { GRAPHQL_INTROSPECTION: 'maybe' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['EMULATOR_SEED', { EMULATOR_SEED: 'no-such-seed-file.json' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
  ])('%s (%j)', (name, env) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('names every bad setting in the same line', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT.*; LOG_LEVEL|LOG_LEVEL.*; PORT/);
  });
});

describe('startup with a bad setting', () => {
  it('exits 1 after printing one line naming it, before starting anything', () => {
    const root = join(import.meta.dirname, '..');
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringContaining('PORT must be an integer between 0 and 65535')]);
  });
});
