import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { seedWith } from '../support/gateway.js';
import { CANCEL_LEAN } from '../support/operations.js';

// SIGTERM on a real gateway process: readiness flips to 503, new requests are refused, the in-flight
// request finishes, and the process exits 0.

const root = fileURLToPath(new URL('../..', import.meta.url));
let emulator: Emulator;
let child: ChildProcess;
let url: string;
let stderr = '';
let stdout = '';

beforeAll(async () => {
  emulator = await startEmulator({
    seed: seedWith([
      { jobId: 'job-1', thingName: 'dev-1' },
      { jobId: 'job-2', thingName: 'dev-1' },
    ]),
  });
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      IOT_UPSTREAM: 'aws',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: emulator.url,
      AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE: emulator.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AUTH_MODE: 'none',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '8000',
      // No job-event stream to AWS IoT Core: this test is about HTTP draining only.
      JOB_EVENTS_SOURCE: 'none',
    },
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code}): ${stderr}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await emulator?.close();
});

const origin = () => new URL(url).origin;
const cancel = (jobId: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: CANCEL_LEAN, variables: { input: { jobId, thingName: 'dev-1' } } }),
  });

describe('SIGTERM', () => {
  it('warned loudly at startup that authentication is off against AWS', () => {
    expect(stdout).toMatch(/"level":40.*AUTHENTICATION IS DISABLED \(AUTH_MODE=none\) WHILE CALLING AWS/);
  });

  it('drains: 503 for readiness and new requests, the in-flight request completes, exit 0', async () => {
    emulator.injectFault({ operation: 'CancelJobExecution', mode: 'delay', delayMs: 1500, count: 1 });
    const inFlight = cancel('job-1');
    await expect
      .poll(() => emulator.calls({ operation: 'CancelJobExecution' }).length, { timeout: 10_000 })
      .toBe(1);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');

    await expect
      .poll(async () => (await fetch(`${origin()}/readyz`, { headers: { connection: 'close' } })).status, {
        timeout: 5000,
      })
      .toBe(503);
    const refused = await cancel('job-2');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(
      ((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('SHUTTING_DOWN');

    const done = await inFlight;
    expect(done.status).toBe(200);
    expect(
      ((await done.json()) as { data: { cancelJobExecution: { __typename: string } } }).data
        .cancelJobExecution.__typename,
    ).toBe('CancelJobExecutionSuccess');
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // The refused request never reached AWS.
    expect(emulator.calls({ operation: 'CancelJobExecution' })).toHaveLength(1);
    await expect(fetch(`${origin()}/healthz`)).rejects.toThrow();
  }, 30_000);
});
