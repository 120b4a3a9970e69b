// Authentication of a WebSocket connection: the bearer token travels in graphql-ws connection parameters.
import { decodeJwt } from 'jose';

/**
 * The `Authorization`-style value from the connection parameters: `{ authorization: 'Bearer <jwt>' }`
 * (any letter case), or `{ token: '<jwt>' }` for clients that cannot build the header text.
 */
export function authorizationFromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  if (!params) return undefined;
  for (const [name, value] of Object.entries(params)) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return typeof params.token === 'string' && params.token.length > 0 ? `Bearer ${params.token}` : undefined;
}

/** Milliseconds until the (already verified) bearer token expires; undefined when it has no `exp` or none is sent. */
export function msUntilExpiry(authorization: string | undefined, now = Date.now()): number | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? Math.max(0, exp * 1000 - now) : undefined;
  } catch {
    return undefined;
  }
}
