import type { ServerResponse } from 'node:http';

/** The shape of every answer the HTTP layer gives itself (Apollo's own answers look the same). */
export interface HttpErrorBody {
  errors: { message: string; extensions: { code: string; requestId?: string } }[];
}

/** One GraphQL-style error; `requestId` lets a client quote the log line that goes with it. */
export function errorBody(message: string, code: string, requestId?: string): HttpErrorBody {
  return { errors: [{ message, extensions: requestId === undefined ? { code } : { code, requestId } }] };
}

/** Ends `res` with `body` as JSON (Node adds Content-Length, since the whole body is written at once). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.statusCode = status;
  for (const name in headers) res.setHeader(name, headers[name]!);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
