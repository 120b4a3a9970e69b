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
import type { GatewaySecurity } from '../security/gatewaySecurity.js';
import type { GatewayContext } from '../context.js';
import { formatError } from '../errors/format.js';
import { createSchema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { trackResultMembers } from '../observability/resultMembers.js';
import { errorLoggingPlugin } from './plugins/errorLogging.js';
import { metricsPlugin } from './plugins/metrics.js';

/** Apollo Server configured for this gateway; call start() before mounting it. */
export function createApolloServer(
  config: Config,
  httpServer: Server,
  logger: Logger,
  /** Default: no metrics (the gateway passes its own). */
  metrics?: GatewayMetrics,
  /** Document limits, trusted documents and query rate limits; default none (the gateway passes its own). */
  security?: GatewaySecurity['apollo'],
): ApolloServer<GatewayContext> {
  const production = config.nodeEnv === 'production';
  return new ApolloServer<GatewayContext>({
    schema: metrics ? trackResultMembers(createSchema()) : createSchema(),
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    ...security?.options,
    validationRules: security?.validationRules,
    // The gateway handles SIGINT/SIGTERM itself (src/main.ts) so it can also close the upstream.
    stopOnTerminationSignals: false,
    formatError,
    logger,
    plugins: [
      ...(security?.plugins ?? []),
      // stop() first lets in-flight requests finish for SHUTDOWN_GRACE_MS (src/resilience/drain.ts); this only closes what is left.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 1000 }),
      // Nothing uses @cacheControl, and the plugin wraps every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      config.graphql.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })
        : ApolloServerPluginLandingPageDisabled(),
      errorLoggingPlugin(logger),
      ...(metrics ? [metricsPlugin(metrics, logger)] : []),
    ],
  });
}
