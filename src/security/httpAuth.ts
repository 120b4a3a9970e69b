// Authentication at the HTTP layer: runs before Apollo, so an unauthenticated request never reaches a resolver.
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import type { Authenticator } from './authenticate.js';
import { ANONYMOUS_CALLER, type Caller } from './caller.js';

/** The caller authenticated for this request (set by authenticationMiddleware). */
export function callerOf(res: { locals: Record<string, unknown> }): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new Error('authenticationMiddleware did not run for this request');
  return caller;
}

/** A GET without query/extensions cannot run an operation (landing page or a 400), so it needs no token. */
function cannotExecute(req: Request): boolean {
  return (
    req.method === 'GET' &&
    req.query.query === undefined &&
    req.query.extensions === undefined &&
    req.query.documentId === undefined
  );
}

/**
 * 401 `UNAUTHENTICATED` for a missing or bad token (with a `WWW-Authenticate: Bearer` challenge), 503
 * `AUTHENTICATION_UNAVAILABLE` when the issuer's keys cannot be fetched; the reason is logged, never sent.
 */
export function authenticationMiddleware(authenticator: Authenticator, logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'OPTIONS' || cannotExecute(req)) {
      // Nothing can run: Apollo answers with its landing page or a 400, never with data.
      res.locals.caller = { ...ANONYMOUS_CALLER };
      next();
      return;
    }
    authenticator.authenticate(req.headers.authorization).then((result) => {
      if (result.ok) {
        res.locals.caller = result.caller;
        next();
        return;
      }
      const requestId = String(res.locals.requestId);
      logger.info({ requestId, reason: result.reason, detail: result.detail }, 'authentication failed');
      if (result.reason === 'keys_unavailable') {
        res.setHeader('retry-after', '5');
        res.status(503).json({
          errors: [
            {
              message: 'Authentication is temporarily unavailable; retry shortly.',
              extensions: { code: 'AUTHENTICATION_UNAVAILABLE', requestId },
            },
          ],
        });
        return;
      }
      const challenge = result.reason === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"';
      res.setHeader('www-authenticate', challenge);
      res.status(401).json({
        errors: [
          {
            message: 'Authentication required: send a valid bearer token.',
            extensions: { code: 'UNAUTHENTICATED', requestId },
          },
        ],
      });
    }, next);
  };
}

/**
 * 415 for a body in any charset but UTF-8: body-parser would decode UTF-7 (and friends), which only
 * serves to smuggle text past filters. Requests without a charset parameter are UTF-8 by definition.
 */
export const utf8Only: RequestHandler = (req, res, next) => {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '');
  const charset = match?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') {
    next();
    return;
  }
  res.status(415).json({
    errors: [
      {
        message: 'Only UTF-8 request bodies are accepted.',
        extensions: { code: 'BAD_REQUEST', requestId: String(res.locals.requestId) },
      },
    ],
  });
};
