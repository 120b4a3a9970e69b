// Who is calling: the identity every security decision (policy, rate limit, idempotency, audit) keys on.

/** An authenticated (or, with AUTH_MODE=none, anonymous) caller. */
export interface Caller {
  /** The token's `sub` claim; 'anonymous' when authentication is off. */
  sub: string;
  /** The OAuth client the token was issued to (`client_id`, else `azp`), when the token says. */
  clientId?: string;
  /** Group memberships from the configured groups claim (default `cognito:groups`). */
  groups: string[];
  /** OAuth scopes from `scope` (space-separated) or `scp`. */
  scopes: string[];
  /** True only for the anonymous caller of AUTH_MODE=none. */
  anonymous?: boolean;
}

/** The single caller used when authentication is disabled (AUTH_MODE=none). */
export const ANONYMOUS_CALLER: Readonly<Caller> = Object.freeze({
  sub: 'anonymous',
  groups: [],
  scopes: [],
  anonymous: true,
});
