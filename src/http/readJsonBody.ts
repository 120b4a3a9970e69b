// The request body of a GraphQL POST: size-limited, optionally compressed, strict JSON.
import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Largest accepted body, after decompression. */
export const MAX_BODY_BYTES = 100 * 1024;

export type BodyResult =
  /** `body` is undefined when the request is not JSON: Apollo answers that (CSRF check or 400). */
  { ok: true; body: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

const noBody = { ok: true, body: undefined } as const;
const tooLarge = { ok: false, status: 413, message: 'Request body too large' } as const;
const badRequest = { ok: false, status: 400, message: 'Bad request' } as const;

/** True for `application/json` with any parameters (the charset is checked separately). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const semicolon = header.indexOf(';');
  const type = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  return type === 'application/json';
}

function decoded(req: IncomingMessage): Readable | undefined {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  switch (encoding) {
    case 'identity':
      return req;
    case 'gzip':
    case 'x-gzip':
      return req.pipe(createGunzip());
    case 'deflate':
      return req.pipe(createInflate());
    case 'br':
      return req.pipe(createBrotliDecompress());
    default:
      return undefined;
  }
}

/**
 * Reads a JSON body of at most `limit` bytes. An empty body is `{}` (Apollo then says what is missing);
 * only an object or an array is accepted at the top level.
 */
export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  // A request without a body (a GET, usually) has none to parse, whatever its content-type says.
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
  if (!hasBody || !isJsonContentType(req.headers['content-type'])) return Promise.resolve(noBody);
  const declared = Number(req.headers['content-length']);
  if (req.headers['content-encoding'] === undefined && declared > limit) return Promise.resolve(tooLarge);
  const stream = decoded(req);
  if (!stream) {
    return Promise.resolve({ ok: false, status: 415, message: 'Unsupported content encoding' });
  }
  return new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      if (!result.ok) {
        // Stop reading (and decompressing) what nobody will use; the answer still goes out.
        stream.removeAllListeners('data');
        stream.resume();
      }
      resolve(result);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(tooLarge);
      else chunks.push(chunk);
    });
    stream.on('error', () => finish(badRequest));
    stream.on('end', () => {
      if (settled) return;
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      finish(parseStrict(text));
    });
  });
}

// JSON's own whitespace (RFC 8259): space, tab, line feed, carriage return.
const isJsonSpace = (code: number): boolean =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

function parseStrict(text: string): BodyResult {
  let at = 0;
  while (at < text.length && isJsonSpace(text.charCodeAt(at))) at += 1;
  if (at === text.length) return { ok: true, body: {} };
  const first = text[at];
  if (first !== '{' && first !== '[') return badRequest;
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return badRequest;
  }
}
