import { type IncomingMessage } from 'node:http';
import { type EmulatedService } from '../api.js';
import { invalidRequest } from '../errors.js';

const MAX_BODY_BYTES = 1024 * 1024;

// SigV4 credential scope: AKID/yyyymmdd/region/service/aws4_request.
const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request/;

/**
 * The signing service of a SigV4 request (header or presigned query), or null when unsigned.
 * Signatures are never verified: any credentials are accepted.
 */
export function signingService(req: IncomingMessage, query: URLSearchParams): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('AWS4-HMAC-SHA256')) return CREDENTIAL_SCOPE.exec(header)?.[1] ?? null;
  const presigned = query.get('X-Amz-Credential');
  return presigned === null ? null : (presigned.split('/')[3] ?? null);
}

export const isEmulatedService = (service: string): service is EmulatedService =>
  service === 'iot' || service === 'iot-jobs-data';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(invalidRequest('The request body is larger than 1 MiB.'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** A restJson1 request body: empty means no members; otherwise it must be a JSON object. */
export function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidRequest('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
