/**
 * The Cache-Control of every /graphql answer unless Apollo sets its own (an APQ miss gets
 * `private, no-cache, must-revalidate`). Every answer depends on the caller's authorization and on live
 * device state, so no shared cache (CDN, proxy) may keep it and no browser may replay it.
 */
export const GRAPHQL_CACHE_CONTROL = 'private, no-store';
