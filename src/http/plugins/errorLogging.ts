import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../context.js';
import { isClientError } from '../../errors/format.js';
import type { Logger } from '../../logger.js';
import { abortCause } from '../../upstream/signal.js';

/**
 * Logs each masked error once with its cause, and stamps every error with the request id. When the
 * client hung up, the errors of the answer it will never read are the abort itself, once per field:
 * one info line stands for them, so a client cannot flood the log by leaving heavy queries.
 */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          const log = contextValue.log ?? logger;
          const unexpected = errors.filter((error) => !isClientError(error));
          if (unexpected.length === 0) return;
          if (abortCause(contextValue.signal) === 'cancelled') {
            log.info(
              { operationName, abandonedErrors: unexpected.length, requestId: contextValue.requestId },
              'client went away before the answer',
            );
            return;
          }
          for (const error of unexpected) {
            log.error(
              {
                err: error.originalError ?? error,
                path: error.path,
                operationName,
                requestId: contextValue.requestId,
              },
              'unexpected error (masked for the client)',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}
