// Reference BA: the floor of any gateway built on Apollo Server. Apollo Server 5 with nothing this
// gateway adds (no plugins, limits, security, metrics or logging; cache control and landing page off)
// on plain node:http, serving the gateway's own schema with one resolver that makes B1's SDK call.
import { createServer, type IncomingMessage } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { CancelJobExecutionCommand } from '@aws-sdk/client-iot';
import { typeDefs } from '../../src/graphql/typeDefs.generated.js';
import { createBenchClients } from './benchClients.js';
import { readBody } from './plainHttp.js';

interface CancelArgs {
  input: { jobId: string; thingName: string };
}

const { control } = await createBenchClients();
const apollo = new ApolloServer({
  typeDefs,
  resolvers: {
    Mutation: {
      async cancelJobExecution(_parent: unknown, { input }: CancelArgs) {
        const { jobId, thingName } = input;
        await control.send(new CancelJobExecutionCommand({ jobId, thingName }));
        return { __typename: 'CancelJobExecutionSuccess', jobId, thingName };
      },
    },
  },
  plugins: [
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
  ],
});
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
    context: () => Promise.resolve({}),
  });
  const body = response.body.kind === 'complete' ? response.body.string : '';
  return { status: response.status ?? 200, headers: response.headers, body };
}
