import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers/index.js';
import type { Resolvers } from './types.generated.js';
import { typeDefs } from './typeDefs.generated.js';

/**
 * The sole place executable schemas are built. typeDefs is generated from schema/*.graphql, so dist/ needs
 * no SDL files. `extra` adds root resolvers kept elsewhere (the WebSocket server's Subscription); default none.
 */
export function createSchema(extra: Resolvers = {}): GraphQLSchema {
  return makeExecutableSchema({ typeDefs, resolvers: { ...resolvers, ...extra } });
}
