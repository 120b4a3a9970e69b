import type { IncomingMessage } from 'node:http';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

// Loaded by src/main.ts only when an OTLP endpoint is configured, and before the modules it patches
// (http, graphql, the AWS SDK) are first loaded, so a gateway without tracing never pays for it.

export interface Tracing {
  /** Flushes buffered spans; call once while shutting down. */
  shutdown(): Promise<void>;
}

const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Starts the OpenTelemetry SDK with HTTP, GraphQL and AWS SDK instrumentation. The exporter follows
 * the standard OTEL_EXPORTER_OTLP_* variables (protocol http/protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL
 * says otherwise); metrics stay on /metrics and logs on stdout, so only traces are exported.
 */
export function startTracing(options: { serviceName: string }): Tracing {
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would drown the interesting traces.
        ignoreIncomingRequestHook: (req: IncomingMessage) =>
          UNTRACED_PATHS.has((req.url ?? '').split('?')[0] ?? ''),
      }),
      // Root-field spans show where time goes; a span per trivial field would cost more than it tells.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, depth: 2, mergeItems: true }),
      // One span per AWS call (retries inside it) instead of one more per HTTP attempt.
      new AwsInstrumentation({ suppressInternalInstrumentation: true }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
