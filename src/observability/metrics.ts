import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamCallEvent } from './requestScope.js';

// Seconds; GraphQL requests span cached answers (ms) to retried upstream calls (seconds).
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

// Process metrics (CPU, memory, event loop, GC) are per process, not per gateway: registering them
// once keeps several gateways in one test process from stacking GC observers.
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The gateway's Prometheus instruments; every label value comes from a bounded set. */
export interface GatewayMetrics {
  /** GraphQL requests by root field (`operation`) and outcome (result-union member, `ok` or error code). */
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly requestDuration: Histogram<'operation' | 'outcome'>;
  /** Every result-union member a root field returned, also when one request selects several. */
  readonly resultMembers: Counter<'field' | 'member'>;
  /** AWS SDK calls (all attempts of one send) by client, AWS operation and `success` or error name. */
  readonly upstreamCalls: Counter<'client' | 'command' | 'outcome'>;
  readonly upstreamDuration: Histogram<'client' | 'command' | 'outcome'>;
  /** Attempts beyond the first ($metadata.attempts - 1). */
  readonly upstreamRetries: Counter<'client' | 'command'>;
  recordUpstreamCall(event: UpstreamCallEvent): void;
  /** The Prometheus text exposition of the process and gateway metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by root field and outcome (result-union member, ok, or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from request start to response, by root field and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const resultMembers = new Counter({
    name: 'graphql_result_members_total',
    help: 'Result-union members returned by root fields.',
    labelNames: ['field', 'member'] as const,
    registers: [registry],
  });
  const upstreamCalls = new Counter({
    name: 'upstream_requests_total',
    help: 'AWS IoT calls (retries included in one call) by client, operation and success or error name.',
    labelNames: ['client', 'command', 'outcome'] as const,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'upstream_request_duration_seconds',
    help: 'Duration of AWS IoT calls, retries and backoff included.',
    labelNames: ['client', 'command', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const upstreamRetries = new Counter({
    name: 'upstream_retries_total',
    help: 'AWS SDK retries (attempts beyond the first) by client and operation.',
    labelNames: ['client', 'command'] as const,
    registers: [registry],
  });
  const shared = processMetrics();
  return {
    requests,
    requestDuration,
    resultMembers,
    upstreamCalls,
    upstreamDuration,
    upstreamRetries,
    recordUpstreamCall(event) {
      const labels = { client: event.client, command: event.command, outcome: event.outcome };
      upstreamCalls.inc(labels);
      upstreamDuration.observe(labels, event.durationSeconds);
      if (event.attempts > 1)
        upstreamRetries.inc({ client: event.client, command: event.command }, event.attempts - 1);
    },
    async render() {
      return (await shared.metrics()) + (await registry.metrics());
    },
    contentType: registry.contentType,
  };
}
