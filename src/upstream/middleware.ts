import type {
  HandlerExecutionContext,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import { scopeOf } from '../observability/requestScope.js';
import { signalOf } from './abortableCachedSend.js';
import { abortCause } from './signal.js';

/** The label of each plane in logs and metrics (the SDK's signing name). */
export type ClientLabel = 'iot' | 'iot-jobs-data';

interface CallMetadata {
  requestId?: string;
  attempts?: number;
  totalRetryDelay?: number;
  httpStatusCode?: number;
}

const MIDDLEWARE_NAME = 'gatewayObservability';
// Error names become metric labels: anything not shaped like an AWS exception name is folded.
const SAFE_ERROR_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

function operationOf(context: HandlerExecutionContext): string {
  return (context.commandName ?? 'Unknown').replace(/Command$/, '');
}

function errorNameOf(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && SAFE_ERROR_NAME.test(name) ? name : 'Error';
}

/**
 * Logs and counts each SDK call of `client` for the request it runs in. Added at the initialize step,
 * which wraps the retry loop: one event per send with the final attempt count and total duration.
 */
export function observeUpstreamCalls<I extends object, O extends MetadataBearer>(
  client: { middlewareStack: MiddlewareStack<I, O> },
  label: ClientLabel,
): void {
  client.middlewareStack.add(observing<I, O>(label), {
    step: 'initialize',
    name: MIDDLEWARE_NAME,
    override: true,
  });
}

function observing<I extends object, O extends MetadataBearer>(
  label: ClientLabel,
): InitializeMiddleware<I, O> {
  return (next, context) => async (args) => {
    // The request's scope travels on the abort signal sent beside the command input.
    const signal = signalOf(args.input);
    const scope = scopeOf(signal);
    if (!scope) return next(args);
    const command = operationOf(context);
    const started = performance.now();
    // Counts the call, and returns its log fields, built only when a line is written.
    const report = (outcome: string, metadata: CallMetadata | undefined) => {
      const durationSeconds = (performance.now() - started) / 1000;
      const attempts = metadata?.attempts ?? 1;
      scope.onUpstreamCall({ client: label, command, outcome, attempts, durationSeconds });
      return () => ({
        client: label,
        command,
        awsRequestId: metadata?.requestId,
        attempts,
        retryDelayMs: metadata?.totalRetryDelay,
        durationMs: Math.round(durationSeconds * 1000),
      });
    };
    try {
      const result = await next(args);
      const metadata: CallMetadata | undefined = result.output.$metadata;
      const fields = report('success', metadata);
      // A success is a debug line: on the hot path, skip building it unless debug is on.
      if (scope.logsDebug) scope.log.debug(fields(), 'upstream call');
      return result;
    } catch (error) {
      const metadata = (error as { $metadata?: CallMetadata } | null)?.$metadata;
      const errorName = errorNameOf(error);
      const fields = report(errorName, metadata);
      // A call ended because its client went away says nothing about AWS: a debug line, not a warning.
      if (abortCause(signal!) === 'cancelled') {
        if (scope.logsDebug) scope.log.debug({ ...fields(), errorName }, 'upstream call abandoned');
      } else {
        scope.log.warn(
          { ...fields(), errorName, httpStatus: metadata?.httpStatusCode },
          'upstream call failed',
        );
      }
      throw error;
    }
  };
}
