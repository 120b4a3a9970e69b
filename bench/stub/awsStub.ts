// A minimal AWS IoT Jobs upstream on node:http: far cheaper than the emulator (no state, canned
// restJson1 bodies), so the load-generator core keeps headroom. Run as a child process.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import * as shapes from './restJsonShapes.js';

export interface StubStats {
  calls: Record<string, number>;
  throttled: number;
  /** Most attempts seen for one (thing, job) cancel: must stay within the SDK's maxAttempts. */
  maxCancelAttemptsPerKey: number;
  distinctCancelKeys: number;
}

interface StubConfig {
  /** Fraction 0..1 of AWS calls answered with ThrottlingException; default 0. */
  throttleProbability: number;
}

const config: StubConfig = { throttleProbability: 0 };
let calls = new Map<string, number>();
let cancelAttempts = new Map<string, number>();
let throttledCount = 0;
let requestCounter = 0;
const jobBodies = new Map<string, string>();

const port = Number(process.env.PORT ?? 0);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`stub listening on ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (path.startsWith('/__bench/')) return admin(path, req.method ?? 'GET', body, res);
  if (path === '/healthz') return send(res, 200, '{}');

  const dataPlane = (req.headers.authorization ?? '').includes('/iot-jobs-data/aws4_request');
  const segments = path.split('/').map((segment) => decodeURIComponent(segment));
  const route = resolve(
    req.method ?? 'GET',
    segments,
    dataPlane,
    queryAt === -1 ? '' : url.slice(queryAt + 1),
  );
  calls.set(route.operation, (calls.get(route.operation) ?? 0) + 1);
  if (route.operation === 'CancelJobExecution') {
    const key = `${segments[2]}/${segments[4]}`;
    cancelAttempts.set(key, (cancelAttempts.get(key) ?? 0) + 1);
  }
  if (config.throttleProbability > 0 && route.status === 200 && Math.random() < config.throttleProbability) {
    throttledCount += 1;
    // Throttling is 400 on the control plane and 429 on the data plane (API reference §5.1).
    return send(res, dataPlane ? 429 : 400, shapes.throttled(), 'ThrottlingException');
  }
  send(res, route.status, route.body, route.status === 200 ? undefined : 'ResourceNotFoundException');
}

interface Route {
  operation: string;
  status: number;
  body: string;
}

function resolve(method: string, segments: string[], dataPlane: boolean, query: string): Route {
  // segments[0] is the empty string before the leading slash.
  const [, root, first, second, third, fourth] = segments;
  const ok = (operation: string, body: string): Route => ({ operation, status: 200, body });
  if (root === 'endpoint') return ok('DescribeEndpoint', shapes.endpoint(`127.0.0.1:${port}`));
  if (root === 'jobs' && first !== undefined && second === undefined)
    return ok('DescribeJob', jobBody(first));
  if (root === 'jobs' && second === 'job-document') return ok('GetJobDocument', shapes.jobDocument());
  if (root === 'things' && first !== undefined && second === 'jobs') {
    if (third === undefined) {
      return dataPlane
        ? ok('GetPendingJobExecutions', shapes.pendingExecutions())
        : ok('ListJobExecutionsForThing', shapes.executionSummaries(maxResults(query)));
    }
    if (fourth === 'cancel') return ok('CancelJobExecution', '{}');
    if (fourth === 'executionNumber') return ok('DeleteJobExecution', '{}');
    if (third === '$next')
      return ok('StartNextPendingJobExecution', shapes.dataExecution('bench-job-00', first));
    if (method === 'POST') return ok('UpdateJobExecution', shapes.updateExecution());
    return ok(
      'DescribeJobExecution',
      dataPlane ? shapes.dataExecution(third, first) : shapes.controlExecution(third, first),
    );
  }
  return { operation: 'Unknown', status: 404, body: shapes.notFound(segments.join('/')) };
}

function maxResults(query: string): number {
  const match = /(?:^|&)maxResults=(\d+)/.exec(query);
  return match ? Number(match[1]) : 50;
}

function jobBody(jobId: string): string {
  let body = jobBodies.get(jobId);
  if (body === undefined) {
    body = shapes.describeJob(jobId);
    jobBodies.set(jobId, body);
  }
  return body;
}

function send(res: ServerResponse, status: number, body: string, errorType?: string): void {
  requestCounter += 1;
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': `bench-${requestCounter}`,
  };
  if (errorType !== undefined) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers);
  res.end(body);
}

function admin(path: string, method: string, body: string, res: ServerResponse): void {
  if (path === '/__bench/stats' && method === 'GET') return send(res, 200, JSON.stringify(stats()));
  if (path === '/__bench/reset' && method === 'POST') {
    calls = new Map();
    cancelAttempts = new Map();
    throttledCount = 0;
    return send(res, 200, '{}');
  }
  if (path === '/__bench/config' && method === 'POST') {
    const update = JSON.parse(body || '{}') as Partial<StubConfig>;
    if (typeof update.throttleProbability === 'number')
      config.throttleProbability = update.throttleProbability;
    return send(res, 200, JSON.stringify(config));
  }
  send(res, 404, shapes.notFound(path));
}

function stats(): StubStats {
  let maxAttempts = 0;
  for (const attempts of cancelAttempts.values()) maxAttempts = Math.max(maxAttempts, attempts);
  return {
    calls: Object.fromEntries(calls),
    throttled: throttledCount,
    maxCancelAttemptsPerKey: maxAttempts,
    distinctCancelKeys: cancelAttempts.size,
  };
}
