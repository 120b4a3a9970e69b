import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, prettyLogs } from '../../src/logger.js';
import { seedWith, startTestGateway, type GqlResponse, type TestGateway } from '../support/gateway.js';

// Structured logs: one request id per request in every line, next to the AWS request id.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({
    seed: seedWith([
      { jobId: 'job-a', thingName: 'dev-1' },
      { jobId: 'job-b', thingName: 'dev-1' },
    ]),
    logLevel: 'debug',
  });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.emulator.clearFaults();
});

const CANCEL = `mutation Cancel($jobId: String!) {
  cancelJobExecution(input: { jobId: $jobId, thingName: "dev-1" }) {
    __typename
    ... on ResourceNotFoundError { upstreamRequestId }
  }
}`;

/** The log records written while `run` executes. */
async function logsDuring(run: () => Promise<unknown>) {
  const before = gw.logs().length;
  await run();
  return gw.logs().slice(before);
}

describe('request logging', () => {
  it('puts the caller’s x-request-id on every line of the request, and the SDK’s attempts and AWS request id on the upstream line', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'throttle', count: 1 });
    const lines = await logsDuring(() =>
      gw.gql(CANCEL, { jobId: 'job-a' }, { 'x-request-id': 'ops-trace-1' }),
    );
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line.requestId).toBe('ops-trace-1');
    const upstream = lines.find((line) => line.msg === 'upstream call');
    expect(upstream).toMatchObject({
      level: 20,
      client: 'iot',
      command: 'CancelJobExecution',
      attempts: 2,
      awsRequestId: expect.stringMatching(/.+/),
    });
    expect(lines.find((line) => line.msg === 'graphql request')).toMatchObject({
      level: 30,
      operationName: 'Cancel',
      operation: 'cancelJobExecution',
      outcome: 'CancelJobExecutionSuccess',
      status: 200,
    });
  });

  it('logs an upstream failure at warn with the same AWS request id the client gets', async () => {
    let body: { data: { cancelJobExecution: { upstreamRequestId: string } } } | undefined;
    const lines = await logsDuring(async () => {
      body = (await gw.gql(CANCEL, { jobId: 'missing' }, { 'x-request-id': 'ops-trace-2' })).body;
    });
    const failed = lines.find((line) => line.msg === 'upstream call failed');
    expect(failed).toMatchObject({
      level: 40,
      requestId: 'ops-trace-2',
      command: 'CancelJobExecution',
      errorName: 'ResourceNotFoundException',
      httpStatus: 404,
    });
    expect(failed?.awsRequestId).toBe(body?.data.cancelJobExecution.upstreamRequestId);
  });

  it('leaves no unstructured dump of a failed call on stderr (the SDK’s own logger stays quiet)', async () => {
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    try {
      const lines = await logsDuring(() => gw.gql(CANCEL, { jobId: 'missing' }));
      expect(lines.filter((line) => line.msg === 'upstream call failed')).toHaveLength(1);
      expect(error).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
      warn.mockRestore();
    }
  });

  it('writes one info line, no error or warning, when the client leaves before the answer', async () => {
    gw.emulator.injectFault({ operation: 'DescribeJob', mode: 'delay', delayMs: 60_000, count: 2 });
    const client = new AbortController();
    const sent = fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'ops-trace-gone' },
      body: JSON.stringify({
        query:
          '{ thing(name: "dev-1") { jobExecutions { edges { node { jobId job { description status } } } } } }',
      }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(gw.emulator.calls({ operation: 'DescribeJob' }).length).toBe(2));
    client.abort();
    await sent;
    const gone = () => gw.logs().filter((line) => line.requestId === 'ops-trace-gone');
    await vi.waitFor(() =>
      expect(gone().find((line) => line.msg === 'client went away before the answer')).toMatchObject({
        level: 30,
        abandonedErrors: 4,
      }),
    );
    expect(gone().filter((line) => line.level >= 40)).toEqual([]);
    expect(gone().filter((line) => line.msg === 'upstream call abandoned')).toHaveLength(2);
  });

  it('makes up a request id when none is sent and uses it in the log and in error extensions', async () => {
    let res: GqlResponse | undefined;
    const lines = await logsDuring(async () => {
      res = await gw.gql('{ notAField }');
    });
    const id = res?.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res?.body.errors[0].extensions.requestId).toBe(id);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.requestId).toBe(id);
  });
});

describe('createLogger', () => {
  it('redacts authorization headers and cookies', () => {
    const out: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ logLevel: 'info', nodeEnv: 'production' }, sink);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer s3cret', cookie: 'sid=abc', 'user-agent': 'probe' } },
        headers: { authorization: 'Basic dXNlcg==' },
      },
      'incoming',
    );
    const line = JSON.parse(out.join(''));
    expect(line.req.headers).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'user-agent': 'probe',
    });
    expect(line.headers.authorization).toBe('[redacted]');
    expect(out.join('')).not.toMatch(/s3cret|sid=abc|dXNlcg/);
  });

  it('pretty-prints only in development, never in production or tests', () => {
    expect(prettyLogs('production')).toBe(false);
    expect(prettyLogs('test')).toBe(false);
    // pino-pretty is a devDependency, so it is installed wherever this test runs.
    expect(prettyLogs('development')).toBe(true);
  });
});
