// graphql-ws on the HTTP server's /graphql path: authentication at connect, the same document limits as
// HTTP (tokens, depth, cost, trusted documents) at subscribe, subscription operations only.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { formatError } from '../errors/format.js';
import type { Logger } from '../logger.js';
import type { Caller } from '../security/caller.js';
import { costProblem } from '../security/costLimit.js';
import type { Authenticator } from '../security/authenticate.js';
import type { GatewaySecurity } from '../security/gatewaySecurity.js';
import {
  OPERATION_NOT_TRUSTED,
  sha256Hex,
  type TrustedDocumentManifest,
} from '../security/trustedDocuments.js';
import { authorizationFromConnectionParams, msUntilExpiry } from './connectionAuth.js';
import { createSubscriptionContext } from './operationContext.js';
import { FORBIDDEN } from './resolvers.js';

export interface SubscriptionServerOptions {
  httpServer: Server;
  /** The schema with Subscription resolvers. */
  schema: GraphQLSchema;
  security: GatewaySecurity;
  authenticator: Authenticator;
  logger: Logger;
  /** Active subscriptions one WebSocket may hold. */
  maxPerConnection: number;
  /** Most lexical tokens in a document (GRAPHQL_MAX_TOKENS). */
  maxTokens: number;
  /** Highest cost of one event's selection, with the variables (GRAPHQL_MAX_COST, as over HTTP). */
  maxCost: number;
  /** With TRUSTED_DOCUMENTS=enforce: only these documents run. Default: any document. */
  trustedDocuments?: TrustedDocumentManifest;
  /** Production hides error details such as "Did you mean"; default false. */
  production?: boolean;
}

export interface SubscriptionServer {
  /** Closes every WebSocket (1001 Going Away) and stops accepting new ones. */
  close(): Promise<void>;
}

/**
 * Close code for a connection whose token expired: 4403, which graphql-ws clients retry (4401 they do not),
 * so a client whose connectionParams is a function reconnects with a fresh token by itself.
 */
export const TOKEN_EXPIRED_CLOSE_CODE = CloseCode.Forbidden;
/** The extensions.code when a connection holds SUBSCRIPTIONS_MAX_PER_CONNECTION subscriptions already. */
export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';
/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;
/** Largest message a client may send (one subscribe message with its document). */
const MAX_MESSAGE_BYTES = 100 * 1024;

interface ConnectionState {
  caller: Caller;
  operations: Map<string, AbortController>;
  expiry?: NodeJS.Timeout;
}

const KEPT_CODES: ReadonlySet<unknown> = new Set([
  FORBIDDEN,
  TOO_MANY_SUBSCRIPTIONS,
  OPERATION_NOT_TRUSTED,
  'UNAUTHENTICATED',
]);

/**
 * Request errors keep their message (in production without "Did you mean" hints, as over HTTP); anything
 * unexpected becomes the gateway's one masked error, and `onMasked` gets the original for the log.
 */
export function formatSubscriptionError(
  error: GraphQLError,
  options: { production?: boolean; onMasked?: (error: GraphQLError) => void } = {},
): GraphQLFormattedError {
  const json = error.toJSON();
  const hideHints = options.production && json.extensions?.code === 'GRAPHQL_VALIDATION_FAILED';
  const formatted = hideHints ? { ...json, message: json.message.replace(/ Did you mean .*$/, '') } : json;
  if (KEPT_CODES.has(formatted.extensions?.code)) return formatted;
  // graphql-js reports bad variables without a path, a code or an original error.
  if (
    formatted.extensions?.code === undefined &&
    error.path === undefined &&
    error.originalError === undefined
  ) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  const result = formatError(formatted, error.originalError ?? error);
  if (result.extensions?.code === 'INTERNAL_SERVER_ERROR') options.onMasked?.(error);
  return result;
}

const requestError = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { logger, security } = options;
  // Keyed by graphql-ws's per-connection context object.
  const states = new WeakMap<object, ConnectionState>();
  const rules = [...specifiedRules, ...security.apollo.validationRules];
  const format = (error: GraphQLError, requestId: string | undefined) =>
    formatSubscriptionError(error, {
      ...(options.production ? { production: true } : {}),
      onMasked: (masked) =>
        logger.error(
          { err: masked.originalError ?? masked, requestId, transport: 'websocket' },
          'subscription failed',
        ),
    });
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: MAX_MESSAGE_BYTES,
  });
  wss.on('error', (err) => logger.error({ err }, 'websocket server error'));

  // The HTTP layer's variable-aware cost limit (src/security/costLimit.ts), applied to each event's selection.
  const costProblemOf = (document: DocumentNode, payload: SubscribePayload): GraphQLError | undefined => {
    const problem = costProblem({
      schema: options.schema,
      document,
      variables: payload.variables ?? {},
      operationName: payload.operationName,
      maxCost: options.maxCost,
      hideLimits: options.production ?? false,
    });
    return problem === undefined ? undefined : requestError(problem, 'BAD_USER_INPUT');
  };

  const documentOf = (payload: SubscribePayload): string | GraphQLError => {
    if (!options.trustedDocuments) return payload.query;
    const persisted = (payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
      ?.sha256Hash;
    const hash =
      typeof payload.query === 'string' && payload.query !== '' ? sha256Hex(payload.query) : persisted;
    const text = typeof hash === 'string' ? options.trustedDocuments.get(hash.toLowerCase()) : undefined;
    if (text === undefined || (payload.query && payload.query !== text)) {
      return requestError('This server only runs trusted (persisted) operations.', OPERATION_NOT_TRUSTED);
    }
    return text;
  };

  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      async onConnect(ctx) {
        const authorization = authorizationFromConnectionParams(ctx.connectionParams);
        const result = await options.authenticator.authenticate(authorization);
        if (!result.ok) {
          logger.info(
            { reason: result.reason, detail: result.detail, transport: 'websocket' },
            'authentication failed',
          );
          // The issuer's keys could not be fetched: the server's fault, so "try again later" (1013), not 4403.
          if (result.reason === 'keys_unavailable')
            ctx.extra.socket.close(1013, 'Authentication temporarily unavailable');
          return false;
        }
        const state: ConnectionState = { caller: result.caller, operations: new Map() };
        const ttl = msUntilExpiry(authorization);
        if (ttl !== undefined) {
          // The token authorized the connection, not forever: when it expires the client must come back with a new one.
          state.expiry = setTimeout(
            () => ctx.extra.socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'Token expired'),
            // Longer delays overflow Node's timer and would fire at once.
            Math.min(ttl, MAX_TIMER_MS),
          );
          state.expiry.unref();
        }
        states.set(ctx, state);
        return true;
      },
      async onSubscribe(ctx, id, payload) {
        const state = states.get(ctx);
        if (!state) return [requestError('Not authenticated.', 'UNAUTHENTICATED')];
        if (Object.keys(ctx.subscriptions).length > options.maxPerConnection) {
          return [
            requestError(
              `At most ${options.maxPerConnection} subscriptions per connection.`,
              TOO_MANY_SUBSCRIPTIONS,
            ),
          ];
        }
        const text = documentOf(payload);
        if (text instanceof GraphQLError) return [text];
        let document: DocumentNode;
        try {
          document = parse(text, { maxTokens: options.maxTokens });
        } catch (err) {
          return [
            requestError(err instanceof GraphQLError ? err.message : 'Syntax error', 'GRAPHQL_PARSE_FAILED'),
          ];
        }
        const errors = validate(options.schema, document, rules, { maxErrors: 5 });
        if (errors.length > 0) {
          return errors.map(
            (e) =>
              new GraphQLError(e.message, {
                nodes: e.nodes,
                extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
          );
        }
        const tooCostly = costProblemOf(document, payload);
        if (tooCostly) return [tooCostly];
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            requestError(
              'Only subscriptions run over WebSocket; send queries and mutations over HTTP.',
              'BAD_REQUEST',
            ),
          ];
        }
        const controller = new AbortController();
        state.operations.set(id, controller);
        const requestId = `ws-${randomUUID()}`;
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: createSubscriptionContext({
            requestId,
            logger,
            security,
            caller: state.caller,
            request: ctx.extra.request,
            signal: controller.signal,
          }),
        };
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors) return undefined;
        const { requestId } = args.contextValue as { requestId?: string };
        return { ...result, errors: result.errors.map((e) => format(e, requestId)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => format(e, undefined)),
      onComplete(ctx, id) {
        const state = states.get(ctx);
        state?.operations.get(id)?.abort();
        state?.operations.delete(id);
      },
      onClose(ctx) {
        const state = states.get(ctx);
        if (!state) return;
        clearTimeout(state.expiry);
        for (const controller of state.operations.values()) controller.abort();
        state.operations.clear();
      },
    },
    wss,
  );

  return {
    async close() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
