import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../context.js';
import { isClientError } from '../../errors/format.js';
import type { Logger } from '../../logger.js';

/** Logs each masked error once with its cause, and stamps every error with the request id. */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          const log = contextValue.log ?? logger;
          for (const error of errors) {
            if (isClientError(error)) continue;
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
