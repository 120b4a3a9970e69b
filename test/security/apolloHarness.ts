// A tiny Apollo Server over a toy schema, driven through executeHTTPGraphQLRequest, for limit and plugin tests.
import { ApolloServer, HeaderMap, type ApolloServerOptions, type BaseContext } from '@apollo/server';

export const toyTypeDefs = /* GraphQL */ `
  type Query {
    thing(name: String!): Thing
    ping: Boolean!
  }
  type Mutation {
    touch(name: String!): Boolean!
  }
  type Thing {
    name: String!
    child: Thing
    tags: [String!]!
  }
`;

export interface Harness {
  server: ApolloServer<BaseContext>;
  /** How many resolvers ran since start. */
  resolverCalls(): number;
  post(body: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  stop(): Promise<void>;
}

export interface HttpResult {
  status: number;
  json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

export async function startHarness(
  options: Partial<ApolloServerOptions<BaseContext>> = {},
): Promise<Harness> {
  let calls = 0;
  const thing = (name: string) => ({ name, tags: ['a', 'b'], child: () => thing(`${name}-child`) });
  const server = new ApolloServer<BaseContext>({
    typeDefs: toyTypeDefs,
    resolvers: {
      Query: {
        thing: (_: unknown, args: { name: string }) => {
          calls += 1;
          return thing(args.name);
        },
        ping: () => {
          calls += 1;
          return true;
        },
      },
      Mutation: {
        touch: () => {
          calls += 1;
          return true;
        },
      },
    },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    ...options,
  } as ApolloServerOptions<BaseContext>);
  await server.start();
  return {
    server,
    resolverCalls: () => calls,
    async post(body, headers = {}) {
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap(Object.entries({ 'content-type': 'application/json', ...headers })),
          search: '',
          body,
        },
        context: async () => ({}),
      });
      if (response.body.kind !== 'complete') throw new Error('unexpected incremental response');
      return { status: response.status ?? 200, json: JSON.parse(response.body.string) as HttpResult['json'] };
    },
    stop: () => server.stop(),
  };
}
