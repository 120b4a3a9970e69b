import { createHash, randomBytes } from 'node:crypto';
import { invalidRequest } from './errors.js';
import { queryInt } from './validation.js';

/** AWS-like default page size for every list operation (AWS documents none for these lists). */
export const DEFAULT_MAX_RESULTS = 50;
export const MAX_MAX_RESULTS = 250;

// A per-process secret makes tokens unforgeable, so a garbage or foreign token is always rejected.
const secret = randomBytes(16).toString('hex');

function checksum(scope: string, offset: number): string {
  return createHash('sha256').update(`${secret}|${scope}|${offset}`).digest('base64url').slice(0, 16);
}

export function encodeToken(scope: string, offset: number): string {
  return Buffer.from(`${offset}.${checksum(scope, offset)}`).toString('base64url');
}

export function decodeToken(scope: string, token: string): number {
  const [offsetText, sum] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  const offset = Number(offsetText);
  if (!/^\d{1,9}$/.test(offsetText ?? '') || sum !== checksum(scope, offset)) {
    throw invalidRequest('The nextToken is invalid.');
  }
  return offset;
}

/**
 * One page of `items`. `scope` names the listing and its filters so a token only works where it was issued.
 */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  scope: string,
): { page: T[]; nextToken?: string } {
  const maxResults = queryInt(query, 'maxResults', { min: 1, max: MAX_MAX_RESULTS }) ?? DEFAULT_MAX_RESULTS;
  const token = query.get('nextToken');
  const offset = token === null || token === '' ? 0 : decodeToken(scope, token);
  const end = offset + maxResults;
  const page = items.slice(offset, end);
  return end < items.length ? { page, nextToken: encodeToken(scope, end) } : { page };
}
