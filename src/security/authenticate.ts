// Bearer-token authentication: verifies JWTs (OIDC providers and Cognito) against a remote JWKS with jose.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS_CALLER, type Caller } from './caller.js';

/** Settings of the JWT authenticator; the defaults follow jose's own. */
export interface JwtAuthOptions {
  /** URL of the issuer's JSON Web Key Set, e.g. Cognito's `<issuer>/.well-known/jwks.json`. Required. */
  jwksUrl: string | URL;
  /** Accepted `iss` value(s). Required. */
  issuer: string | string[];
  /**
   * Accepted audiences, at least one: a token passes when its `aud` contains one of them or, for a
   * Cognito access token (`token_use: access`, no `aud`), when its `client_id` is one of them.
   */
  audiences: string[];
  /** Accepted signature algorithms; default ['RS256', 'ES256']. Symmetric and `none` are never accepted. */
  algorithms?: string[];
  /** Claim holding the caller's groups (a dotted path also works); default 'cognito:groups'. */
  groupsClaim?: string;
  /** Allowed clock skew for `exp` and `nbf`, in seconds; default 5. */
  clockToleranceSeconds?: number;
  /** Minimum gap between key downloads caused by an unknown `kid`; default 30_000 ms. */
  jwksCooldownMs?: number;
  /** How long downloaded keys are used before they are fetched again; default 600_000 ms (10 minutes). */
  jwksCacheMaxAgeMs?: number;
  /** Timeout of one key download; default 5000 ms. */
  jwksTimeoutMs?: number;
  /** Longest accepted token, in characters; default 8192. Longer tokens are rejected unparsed. */
  maxTokenLength?: number;
}

/** Why a request was not authenticated; `keys_unavailable` is the server's fault (answer 503, not 401). */
export type AuthFailureReason =
  | 'missing_token'
  | 'malformed_token'
  | 'algorithm_not_allowed'
  | 'invalid_signature'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_claims'
  | 'keys_unavailable';

export type AuthResult =
  | { ok: true; caller: Caller }
  | {
      ok: false;
      reason: AuthFailureReason;
      /** For logs only: never send it to the client, never includes the token. */
      detail: string;
    };

export interface Authenticator {
  /** Authenticates the raw `Authorization` header value; never throws. */
  authenticate(authorizationHeader: string | undefined): Promise<AuthResult>;
}

/** The default pinned algorithms: asymmetric only, as OIDC providers and Cognito sign. */
export const DEFAULT_JWT_ALGORITHMS: readonly string[] = ['RS256', 'ES256'];
const SYMMETRIC_OR_NONE = /^(HS\d+|none)$/i;

/** AUTH_MODE=none: every request is the anonymous caller. */
export function createNoAuthAuthenticator(): Authenticator {
  return { authenticate: async () => ({ ok: true, caller: { ...ANONYMOUS_CALLER } }) };
}

/** AUTH_MODE=jwt: bearer JWTs verified against the issuer's JWKS. */
export function createJwtAuthenticator(options: JwtAuthOptions): Authenticator {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.jwksTimeoutMs ?? 5000,
  });
  return createJwtVerifier(options, keys);
}

/** Same as createJwtAuthenticator with a caller-provided key source (tests, local keys). */
export function createJwtVerifier(
  options: Omit<JwtAuthOptions, 'jwksUrl'>,
  keys: JWTVerifyGetKey,
): Authenticator {
  const algorithms = [...(options.algorithms ?? DEFAULT_JWT_ALGORITHMS)];
  if (algorithms.length === 0 || algorithms.some((alg) => SYMMETRIC_OR_NONE.test(alg))) {
    // A symmetric algorithm would let anyone holding the public key forge tokens.
    throw new Error(`JWT algorithms must be asymmetric (got ${algorithms.join(', ') || 'none'})`);
  }
  if (options.audiences.length === 0) throw new Error('JWT authentication needs at least one audience');
  const groupsClaim = options.groupsClaim ?? 'cognito:groups';
  const maxTokenLength = options.maxTokenLength ?? 8192;

  return {
    async authenticate(header) {
      const token = bearerToken(header);
      if (token === undefined) return fail('missing_token', 'no bearer token');
      if (token.length > maxTokenLength || !/^[\w-]+\.[\w-]*\.[\w-]*$/.test(token)) {
        return fail('malformed_token', 'not a compact JWS');
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          algorithms,
          clockTolerance: options.clockToleranceSeconds ?? 5,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (err) {
        return classifyVerifyError(err);
      }
      const audienceProblem = checkAudience(payload, options.audiences);
      if (audienceProblem) return fail('invalid_claims', audienceProblem);
      return { ok: true, caller: callerFrom(payload, groupsClaim) };
    },
  };
}

function fail(reason: AuthFailureReason, detail: string): AuthResult {
  return { ok: false, reason, detail };
}

/** The token of `Bearer <token>` (scheme case-insensitive), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header);
  return match?.[1];
}

/** Generic OIDC tokens carry `aud`; Cognito access tokens carry `client_id` and `token_use: access` instead. */
function checkAudience(payload: JWTPayload, audiences: readonly string[]): string | undefined {
  const tokenUse = payload.token_use;
  if (tokenUse !== undefined && tokenUse !== 'access') {
    // Cognito ID tokens identify the user to the app; only access tokens authorize API calls.
    return `token_use ${JSON.stringify(tokenUse)} is not accepted`;
  }
  const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (aud.some((a) => audiences.includes(a))) return undefined;
  if (aud.length === 0 && tokenUse === 'access' && typeof payload.client_id === 'string') {
    return audiences.includes(payload.client_id) ? undefined : 'client_id is not an accepted audience';
  }
  return aud.length === 0 ? 'no audience' : 'aud is not an accepted audience';
}

function callerFrom(payload: JWTPayload, groupsClaim: string): Caller {
  const clientId =
    typeof payload.client_id === 'string'
      ? payload.client_id
      : typeof payload.azp === 'string'
        ? payload.azp
        : undefined;
  return {
    sub: payload.sub!,
    ...(clientId !== undefined ? { clientId } : {}),
    groups: stringList(claimAt(payload, groupsClaim), /,/),
    scopes: [...new Set([...stringList(payload.scope, / +/), ...stringList(payload.scp, / +/)])],
  };
}

/** The claim named `name`, or at a dotted path such as `realm_access.roles` when no such top-level claim exists. */
function claimAt(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function stringList(value: unknown, separator: RegExp): string[] {
  if (typeof value === 'string')
    return value
      .split(separator)
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [];
}

function classifyVerifyError(err: unknown): AuthResult {
  if (err instanceof errors.JWTExpired) return fail('expired', 'token expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    return err.claim === 'nbf'
      ? fail('not_yet_valid', 'token not yet valid')
      : fail('invalid_claims', `claim ${err.claim}: ${err.reason}`);
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return fail('algorithm_not_allowed', err.message);
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return fail('invalid_signature', 'signature check failed');
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
    return fail('unknown_key', 'no usable key for the token kid');
  }
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) {
    return fail('keys_unavailable', err.message);
  }
  if (err instanceof errors.JOSEError) {
    // A generic JOSEError comes from the key download (non-200 answer); the shape errors have their own classes.
    if (err.code === 'ERR_JOSE_GENERIC') return fail('keys_unavailable', err.message);
    return fail('malformed_token', err.code);
  }
  // Anything else (a failed fetch, a TypeError from a broken key set) is a key-source problem.
  return fail('keys_unavailable', err instanceof Error ? err.message : String(err));
}
