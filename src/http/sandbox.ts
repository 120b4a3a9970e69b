import type { GraphQLRequest } from '@apollo/server';

/** Apollo Sandbox runs on these origins and calls the gateway from the browser. */
export const SANDBOX_ORIGINS: readonly string[] = [
  'https://studio.apollographql.com',
  'https://sandbox.embed.apollographql.com',
];

/**
 * True for a request from Apollo Sandbox, judged by its Origin header. Only browsers set Origin honestly
 * (any other client can forge it), so this may only relax checks outside production.
 */
export function isSandboxRequest(request: GraphQLRequest): boolean {
  const origin = request.http?.headers.get('origin');
  return origin !== undefined && SANDBOX_ORIGINS.includes(origin);
}
