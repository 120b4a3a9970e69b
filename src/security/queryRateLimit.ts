// Rate limiting for queries, decided once the operation type is known (mutations are limited per field by the guard).
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { GatewayContext } from '../context.js';

/** `extensions.code` of a query refused by the caller's rate limit (HTTP 429 with Retry-After). */
export const RATE_LIMITED = 'RATE_LIMITED';

export function queryRateLimitPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== OperationTypeNode.QUERY) return;
          const sec = contextValue.security;
          const result = await sec.rateLimiter.consume(sec.rateLimitKey, 'query');
          if (result.allowed) return;
          throw new GraphQLError(
            `Too many requests from this caller; retry after ${result.retryAfterSeconds} s.`,
            {
              extensions: {
                code: RATE_LIMITED,
                retryAfterSeconds: result.retryAfterSeconds,
                http: {
                  status: 429,
                  headers: new HeaderMap([['retry-after', String(result.retryAfterSeconds)]]),
                },
              },
            },
          );
        },
      };
    },
  };
}
