// POST/GET /graphql on plain node:http: CORS, authentication, header checks, the JSON body, then Apollo.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import cors from 'cors';
import type { GatewayContext } from '../context.js';
import type { Caller } from '../security/caller.js';
import type { HttpAuthentication } from '../security/httpAuth.js';
import { unacceptableCharset } from '../security/httpAuth.js';
import { idempotencyKeyProblem } from '../security/gatewaySecurity.js';
import { GRAPHQL_CACHE_CONTROL } from './cacheControl.js';
import { readJsonBody } from './readJsonBody.js';
import { errorBody, sendJson } from './respond.js';

/** One request as the endpoint hands it to the context builder. */
export interface GraphQLExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  readonly caller: Caller;
}

export interface GraphQLEndpointOptions {
  apollo: ApolloServer<GatewayContext>;
  authenticate: HttpAuthentication;
  /** Origins allowed by CORS; every other origin gets no grant. */
  allowedOrigins: string[];
  context(exchange: GraphQLExchange): Promise<GatewayContext>;
}

/** Answers one /graphql request; `search` is the query string with its `?` ('' when none). */
export type GraphQLEndpoint = (
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  search: string,
) => Promise<void>;

export function graphqlEndpoint(options: GraphQLEndpointOptions): GraphQLEndpoint {
  const { apollo, authenticate } = options;
  apollo.assertStarted('graphqlEndpoint()');
  const allowCors = cors<IncomingMessage>({
    origin: options.allowedOrigins,
    methods: ['GET', 'POST'],
    exposedHeaders: ['x-request-id'],
    // Browsers preflight every JSON request (GET included), so let them reuse the answer for 10 minutes.
    maxAge: 600,
  });
  // cors answers preflights itself and calls `next` (synchronously) for every other request.
  const corsAllows = (req: IncomingMessage, res: ServerResponse): boolean => {
    let next = false;
    allowCors(req, res, () => (next = true));
    return next;
  };

  return async (req, res, requestId, search) => {
    if (!corsAllows(req, res)) return;
    // Before the body is even read: no token, no work.
    const caller = await authenticate(req, res, requestId, search);
    if (!caller) return;
    // A typo in the key must not silently disable deduplication.
    const keyProblem = idempotencyKeyProblem(req.headers['idempotency-key']);
    if (keyProblem !== undefined) {
      sendJson(res, 400, errorBody(keyProblem, 'BAD_REQUEST', requestId));
      return;
    }
    if (unacceptableCharset(req.headers['content-type'])) {
      sendJson(res, 415, errorBody('Only UTF-8 request bodies are accepted.', 'BAD_REQUEST', requestId));
      return;
    }
    res.setHeader('cache-control', GRAPHQL_CACHE_CONTROL);
    const body = await readJsonBody(req);
    if (!body.ok) {
      // An unread rest of the body would otherwise be parsed as the next request on this connection.
      const headers: Record<string, string> = body.status === 413 ? { connection: 'close' } : {};
      sendJson(res, body.status, errorBody(body.message, 'BAD_REQUEST', requestId), headers);
      return;
    }
    const headers = new HeaderMap();
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method!.toUpperCase(),
      headers,
      search,
      body: body.body,
    };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context({ req, res, requestId, caller }),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
