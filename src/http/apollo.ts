import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Config } from '../config.js';
import type { GatewayContext } from '../context.js';
import { formatError } from '../errors/format.js';
import { createSchema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { errorLoggingPlugin } from './plugins/errorLogging.js';

/** Apollo Server configured for this gateway; call start() before mounting it. */
export function createApolloServer(
  config: Config,
  httpServer: Server,
  logger: Logger,
): ApolloServer<GatewayContext> {
  const production = config.nodeEnv === 'production';
  return new ApolloServer<GatewayContext>({
    schema: createSchema(),
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    // The gateway handles SIGINT/SIGTERM itself (src/main.ts) so it can also close the upstream.
    stopOnTerminationSignals: false,
    formatError,
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Nothing uses @cacheControl, and the plugin wraps every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      config.graphql.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })
        : ApolloServerPluginLandingPageDisabled(),
      errorLoggingPlugin(logger),
    ],
  });
}
