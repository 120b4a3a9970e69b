import type { RequestHandler } from 'express';

/**
 * The Cache-Control of every /graphql answer unless Apollo sets its own (an APQ miss gets
 * `private, no-cache, must-revalidate`). Every answer depends on the caller's authorization and on live
 * device state, so no shared cache (CDN, proxy) may keep it and no browser may replay it.
 */
export const GRAPHQL_CACHE_CONTROL = 'private, no-store';

/** Sets GRAPHQL_CACHE_CONTROL before Apollo runs; Apollo's own header, when it sends one, replaces it. */
export function noSharedCaching(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('cache-control', GRAPHQL_CACHE_CONTROL);
    next();
  };
}
