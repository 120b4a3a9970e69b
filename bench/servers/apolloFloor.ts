// References BA and BJ: the floor of any gateway built on Apollo Server. Apollo Server 5 with nothing
// this gateway adds (no plugins, limits, security, metrics or logging; cache control and landing page
// off) on plain node:http, serving the gateway's own schema with resolvers that make exactly B1's SDK
// calls: the cancel, and the list with one DataLoader (DescribeJob per distinct job) per request.
// BENCH_JIT=1 makes it BJ: the same server executing through graphql-jit, plugged in the one way
// Apollo Server 5 still takes a custom executor (a `gateway` object whose load() returns it).
import { createServer, type IncomingMessage } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  CancelJobExecutionCommand,
  DescribeJobCommand,
  ListJobExecutionsForThingCommand,
  type Job,
} from '@aws-sdk/client-iot';
import { makeExecutableSchema } from '@graphql-tools/schema';
import DataLoader from 'dataloader';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { typeDefs } from '../../src/graphql/typeDefs.generated.js';
import { createBenchClients } from './benchClients.js';
import { readBody } from './plainHttp.js';

interface Context {
  jobs: DataLoader<string, Job | undefined>;
}

const { control } = await createBenchClients();

const resolvers = {
  Mutation: {
    async cancelJobExecution(_parent: unknown, { input }: { input: { jobId: string; thingName: string } }) {
      const { jobId, thingName } = input;
      await control.send(new CancelJobExecutionCommand({ jobId, thingName }));
      return { __typename: 'CancelJobExecutionSuccess', jobId, thingName };
    },
  },
  Query: {
    thing: (_parent: unknown, { name }: { name: string }) => ({ thingName: name }),
  },
  Thing: {
    async jobExecutions({ thingName }: { thingName: string }, { first }: { first: number }) {
      const page = await control.send(new ListJobExecutionsForThingCommand({ thingName, maxResults: first }));
      const edges = (page.executionSummaries ?? []).map((row) => ({
        node: { jobId: row.jobId, status: row.jobExecutionSummary?.status ?? null },
      }));
      return { edges, pageInfo: { hasNextPage: false, hasPreviousPage: false } };
    },
  },
  JobExecution: {
    job: ({ jobId }: { jobId: string }, _args: unknown, ctx: Context) => ctx.jobs.load(jobId),
  },
};

const schema = makeExecutableSchema({ typeDefs, resolvers });
const plugins = [
  ApolloServerPluginCacheControlDisabled(),
  ApolloServerPluginLandingPageDisabled(),
  ApolloServerPluginUsageReportingDisabled(),
];
const apollo =
  process.env.BENCH_JIT === '1'
    ? new ApolloServer<Context>({ gateway: jitGateway(schema), plugins })
    : new ApolloServer<Context>({ schema, plugins });
await apollo.start();

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.setHeader('content-type', 'application/json').end('{"ok":true}');
    return;
  }
  void answer(req).then(({ status, headers, body }) => {
    res.statusCode = status;
    for (const [name, value] of headers) res.setHeader(name, value);
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

async function answer(req: IncomingMessage): Promise<{ status: number; headers: HeaderMap; body: string }> {
  const headers = new HeaderMap();
  for (const name in req.headers) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? 'POST',
      headers,
      search: '',
      body: JSON.parse(await readBody(req)) as unknown,
    },
    context: () => Promise.resolve({ jobs: jobLoader() }),
  });
  const body = response.body.kind === 'complete' ? response.body.string : '';
  return { status: response.status ?? 200, headers: response.headers, body };
}

/** One DescribeJob per distinct job of the request, each on its own (as the gateway's loaders do). */
function jobLoader(): DataLoader<string, Job | undefined> {
  return new DataLoader(
    (jobIds) =>
      Promise.all(jobIds.map(async (jobId) => (await control.send(new DescribeJobCommand({ jobId }))).job)),
    { batch: false },
  );
}

/** What Apollo Server hands a gateway's executor (its GatewayGraphQLRequestContext), as far as used here. */
interface ExecutorRequest {
  readonly queryHash: string;
  readonly operationName: string | null;
  readonly document: DocumentNode;
  readonly context: Record<string, unknown>;
  readonly request: { variables?: Record<string, unknown> };
}

/** Apollo Server's gateway interface, used only to hand it graphql-jit as its executor. */
function jitGateway(apiSchema: GraphQLSchema) {
  // One compiled query per document and operation, as Apollo caches parsed documents per query hash.
  const compiled = new Map<string, CompiledQuery | ExecutionResult>();
  const executor = async (request: ExecutorRequest): Promise<ExecutionResult> => {
    const key = `${request.queryHash}/${request.operationName ?? ''}`;
    let query = compiled.get(key);
    if (query === undefined) {
      query = compileQuery(apiSchema, request.document, request.operationName ?? undefined);
      compiled.set(key, query);
    }
    if (!isCompiledQuery(query)) return query;
    return query.query(undefined, request.context, request.request.variables ?? {});
  };
  return {
    load: () => Promise.resolve({ executor }),
    onSchemaLoadOrUpdate(
      callback: (schema: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void,
    ) {
      callback({ apiSchema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: () => Promise.resolve(),
  };
}
