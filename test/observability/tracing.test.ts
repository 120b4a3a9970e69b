import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on: the real entry point (src/main.ts, in a child process so
// instrumentation patches http, graphql and the AWS SDK as they load) sends its spans to a local OTLP
// receiver, one trace per request from the HTTP server span down to the AWS call.

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: { stringValue?: string } }[];
}
interface ReceivedSpan extends OtlpSpan {
  scope: string;
}

const SERVER_KIND = 2;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

let receiver: Server;
const spans: ReceivedSpan[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resource of body.resourceSpans ?? [])
          for (const scope of resource.scopeSpans ?? [])
            for (const span of scope.spans ?? []) spans.push({ ...span, scope: scope.scope?.name ?? '' });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** Starts `src/main.ts` with tracing on, runs `use` against its GraphQL URL, then stops it with SIGTERM. */
async function withTracedGateway(use: (url: string) => Promise<void>): Promise<void> {
  const { port } = receiver.address() as AddressInfo;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      IOT_UPSTREAM: 'emulator',
      EMULATOR_SEED: 'none',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_MODE: 'none',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = /ready at (\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then((code) =>
        reject(new Error(`gateway exited (${code}) before it was ready: ${stderr}`)),
      );
    });
    await use(url);
  } finally {
    child.kill('SIGTERM');
  }
  // The shutdown path flushes the span batch before exiting.
  expect(await exited, stderr).toBe(0);
}

describe('OpenTelemetry traces', () => {
  it('exports one trace per request: HTTP server span, GraphQL spans and the AWS SDK call', async () => {
    await withTracedGateway(async (url) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // The caller's trace continues in the gateway (W3C trace context).
          traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
        },
        body: JSON.stringify({
          query: 'mutation { cancelJobExecution(input: { jobId: "j", thingName: "t" }) { __typename } }',
        }),
      });
      expect(await res.json()).toEqual({
        data: { cancelJobExecution: { __typename: 'ResourceNotFoundError' } },
      });
    });

    const trace = spans.filter((span) => span.traceId === TRACE_ID);
    const server = trace.find(
      (span) => span.scope === '@opentelemetry/instrumentation-http' && span.kind === SERVER_KIND,
    );
    expect(server?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(trace.some((span) => span.scope === '@opentelemetry/instrumentation-graphql')).toBe(true);
    const aws = trace.filter((span) => span.scope === '@opentelemetry/instrumentation-aws-sdk');
    expect(aws.map((span) => span.name)).toContain('IoT.CancelJobExecution');
  });
});
