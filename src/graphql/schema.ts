import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './typeDefs.generated.js';

/** The sole executable schema. typeDefs is generated from schema/*.graphql, so dist/ needs no SDL files. */
export function createSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs, resolvers });
}
