// Shared plumbing of the hand-written baselines: read a JSON POST, answer JSON, /healthz for readiness.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface GraphQLLikeRequest {
  operationName?: string;
  variables?: Record<string, unknown>;
}

export type Handler = (request: GraphQLLikeRequest) => Promise<string> | string;

/** Starts a node:http server on PORT (default 0) and stops it cleanly on SIGTERM. */
export function servePlainHttp(handler: Handler): void {
  const server = createServer((req, res) => {
    if (req.method === 'GET') return respond(res, 200, '{"ok":true}');
    readBody(req)
      .then((text) => handler(JSON.parse(text) as GraphQLLikeRequest))
      .then((body) => respond(res, 200, body))
      .catch((error: unknown) => respond(res, 500, JSON.stringify({ errors: [{ message: String(error) }] })));
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

/** The whole request body as UTF-8 text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function respond(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function cancelInput(request: GraphQLLikeRequest): { jobId: string; thingName: string } {
  const input = request.variables?.input as { jobId: string; thingName: string } | undefined;
  if (!input) throw new Error('variables.input is required');
  return input;
}
