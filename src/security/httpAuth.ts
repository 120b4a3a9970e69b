// Authentication at the HTTP layer: runs before Apollo, so an unauthenticated request never reaches a resolver.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, sendJson } from '../http/respond.js';
import type { Logger } from '../logger.js';
import type { Authenticator } from './authenticate.js';
import { ANONYMOUS_CALLER, type Caller } from './caller.js';

/** What the HTTP layer knows of a request that the security layer needs. */
export interface HttpRequestFacts {
  readonly headers: IncomingMessage['headers'];
  /** The peer address (no proxy header is trusted). */
  readonly ip: string | undefined;
  readonly caller: Caller;
}

/** Authenticates one request; resolves undefined when it already answered (401/503). */
export type HttpAuthentication = (
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  search: string,
) => Promise<Caller | undefined>;

const EXECUTION_PARAMETERS = ['query', 'extensions', 'documentId'];

/** A GET without query/extensions cannot run an operation (landing page or a 400), so it needs no token. */
function cannotExecute(method: string | undefined, search: string): boolean {
  if (method !== 'GET') return false;
  const params = new URLSearchParams(search);
  return EXECUTION_PARAMETERS.every((name) => !params.has(name));
}

/**
 * 401 `UNAUTHENTICATED` for a missing or bad token (with a `WWW-Authenticate: Bearer` challenge), 503
 * `AUTHENTICATION_UNAVAILABLE` when the issuer's keys cannot be fetched; the reason is logged, never sent.
 */
export function httpAuthentication(authenticator: Authenticator, logger: Logger): HttpAuthentication {
  return async (req, res, requestId, search) => {
    // Nothing can run: Apollo answers with its landing page or a 400, never with data.
    if (req.method === 'OPTIONS' || cannotExecute(req.method, search)) return { ...ANONYMOUS_CALLER };
    const result = await authenticator.authenticate(req.headers.authorization);
    if (result.ok) return result.caller;
    logger.info({ requestId, reason: result.reason, detail: result.detail }, 'authentication failed');
    if (result.reason === 'keys_unavailable') {
      sendJson(
        res,
        503,
        errorBody(
          'Authentication is temporarily unavailable; retry shortly.',
          'AUTHENTICATION_UNAVAILABLE',
          requestId,
        ),
        { 'retry-after': '5' },
      );
      return undefined;
    }
    const challenge = result.reason === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"';
    sendJson(
      res,
      401,
      errorBody('Authentication required: send a valid bearer token.', 'UNAUTHENTICATED', requestId),
      { 'www-authenticate': challenge },
    );
    return undefined;
  };
}

/**
 * The charset of a body in any charset but UTF-8 (answered 415): decoding UTF-7 and friends only serves
 * to smuggle text past filters. Requests without a charset parameter are UTF-8 by definition.
 */
export function unacceptableCharset(contentType: string | undefined): boolean {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  const charset = match?.[1]?.toLowerCase();
  return !(charset === undefined || charset === 'utf-8' || charset === 'utf8');
}
