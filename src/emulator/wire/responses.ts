import { type ServerResponse } from 'node:http';
import { type EmulatorError } from '../errors.js';

/** Writes a JSON response with the headers every AWS restJson1 answer carries. */
export function sendJson(
  res: ServerResponse,
  status: number,
  requestId: string,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, requestId, JSON.stringify(body), 'application/json', headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  requestId: string,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    ...headers,
  });
  res.end(text);
}

/** A restJson1 error: status, x-amzn-ErrorType and a JSON body with `message` and any extra members. */
export function sendError(res: ServerResponse, requestId: string, error: EmulatorError): void {
  sendJson(
    res,
    error.status,
    requestId,
    { ...error.extra, message: error.message },
    {
      'x-amzn-ErrorType': error.code,
    },
  );
}
