// Trusted documents (persisted operations only): with TRUSTED_DOCUMENTS=enforce only documents from a build-time manifest run.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ApolloServerPlugin, BaseContext, GraphQLRequest, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * 'off' (default): any document runs. 'allow': manifest documents also run by hash alone (no APQ
 * registration round trip) and any other document still runs but is reported through onReject, a step
 * before enforcing. 'enforce': only manifest documents run; anything else is HTTP 400.
 */
export type TrustedDocumentsMode = 'off' | 'allow' | 'enforce';

/** sha256 hex of a document's exact text → that text. */
export type TrustedDocumentManifest = ReadonlyMap<string, string>;

/** The `extensions.code` of the rejection; clients must ship the operation in their manifest. */
export const OPERATION_NOT_TRUSTED = 'OPERATION_NOT_TRUSTED';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Parses a manifest in either common format: a plain object `{ "<sha256>": "<document>" }` (graphql-codegen
 * client preset) or Apollo's `{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, body }] }`.
 * Every id must be the sha256 of its body, so a manifest cannot smuggle in a document under another hash.
 */
export function parseTrustedDocumentManifest(
  json: string,
  source = 'trusted document manifest',
): TrustedDocumentManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const entries = manifestEntries(raw, source);
  const manifest = new Map<string, string>();
  for (const [id, body] of entries) {
    const hash = id.replace(/^sha256:/, '').toLowerCase();
    if (typeof body !== 'string' || body.length === 0)
      throw new Error(`${source}: entry ${id} has no document text`);
    if (sha256Hex(body) !== hash) throw new Error(`${source}: entry ${id} is not the sha256 of its document`);
    manifest.set(hash, body);
  }
  return manifest;
}

function manifestEntries(raw: unknown, source: string): [string, unknown][] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`${source} must be a JSON object`);
  const record = raw as Record<string, unknown>;
  if (record.format === 'apollo-persisted-query-manifest') {
    if (record.version !== 1 || !Array.isArray(record.operations))
      throw new Error(`${source}: unsupported Apollo manifest version`);
    return record.operations.map((op: unknown, i) => {
      const { id, body } = (op ?? {}) as { id?: unknown; body?: unknown };
      if (typeof id !== 'string') throw new Error(`${source}: operations[${i}] has no id`);
      return [id, body];
    });
  }
  return Object.entries(record);
}

export async function loadTrustedDocumentManifest(file: string): Promise<TrustedDocumentManifest> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the trusted document manifest ${file}: ${err.code ?? String(err)}`);
  });
  return parseTrustedDocumentManifest(text, `trusted document manifest ${file}`);
}

export interface TrustedDocumentsOptions {
  /** Default 'off'. */
  mode?: TrustedDocumentsMode;
  manifest: TrustedDocumentManifest;
  /**
   * Called for every request naming a document outside the manifest (metrics, logs); gets the hash it was
   * asked for or computed. `enforced` is false in 'allow' mode, where the document still ran.
   */
  onReject?: (info: {
    hash: string | undefined;
    operationName: string | undefined;
    enforced: boolean;
  }) => void;
  /** Requests that skip the check entirely, e.g. Apollo Sandbox outside production; default none. */
  bypass?: (request: GraphQLRequest) => boolean;
}

class UntrustedOperation extends Error {
  constructor(readonly hash: string | undefined) {
    super('untrusted operation');
  }
}

function notTrustedError(): GraphQLError {
  return new GraphQLError('This server only runs trusted (persisted) operations.', {
    extensions: { code: OPERATION_NOT_TRUSTED, http: { status: 400 } },
  });
}

/**
 * Server-side enforcement. A request names its document by full text (`query`), by APQ hash
 * (`extensions.persistedQuery.sha256Hash`) or by `documentId` (`sha256:<hex>`, GraphQL-over-HTTP
 * persisted documents). Known hashes get the manifest's text; anything else is rejected with
 * OPERATION_NOT_TRUSTED (HTTP 400) before parsing, so untrusted text never reaches the parser.
 */
export function trustedDocumentsPlugin<TContext extends BaseContext = BaseContext>(
  options: TrustedDocumentsOptions,
): ApolloServerPlugin<TContext> {
  const { manifest } = options;
  const mode = options.mode ?? 'off';
  if (mode === 'off') return {};
  return {
    async requestDidStart(requestContext) {
      const request = requestContext.request;
      if (options.bypass?.(request)) return;
      const hash = requestedHash(requestContext);
      const document = hash === undefined ? undefined : manifest.get(hash);
      if (document === undefined || (request.query !== undefined && request.query !== document)) {
        options.onReject?.({
          hash,
          operationName: request.operationName ?? undefined,
          enforced: mode === 'enforce',
        });
        // 'allow': Apollo handles the request as usual (full text, or its own APQ cache).
        if (mode === 'allow') return;
        // Apollo turns errors thrown here into a 500; unexpectedErrorProcessingRequest below rethrows the typed 400.
        throw new UntrustedOperation(hash);
      }
      request.query = document;
      // The manifest replaces Apollo's APQ cache: nothing is registered, nothing is looked up.
      if (request.extensions?.persistedQuery) {
        const { persistedQuery: _dropped, ...rest } = request.extensions;
        request.extensions = rest;
      }
    },
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof UntrustedOperation) throw notTrustedError();
    },
  };
}

function requestedHash(requestContext: GraphQLRequestContext<BaseContext>): string | undefined {
  const { query, extensions, http } = requestContext.request;
  if (typeof query === 'string') return sha256Hex(query);
  const persisted = extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const apqHash = persisted?.sha256Hash;
  if (typeof apqHash === 'string') return apqHash.toLowerCase();
  const body: unknown = http?.body;
  // Apollo parses no documentId itself: read it from a POST body or, for GET, from the query string.
  const documentId =
    body && typeof body === 'object'
      ? (body as { documentId?: unknown }).documentId
      : http?.method === 'GET'
        ? new URLSearchParams(http.search).get('documentId')
        : undefined;
  if (typeof documentId === 'string' && documentId.startsWith('sha256:'))
    return documentId.slice(7).toLowerCase();
  return undefined;
}
