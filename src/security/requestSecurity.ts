// The per-request security state resolvers see as ctx.security.
import type { AuditLog } from './audit.js';
import type { Caller } from './caller.js';
import type { IdempotencyStore } from './idempotency.js';
import type { Authorizer } from './policy.js';
import type { RateLimiter } from './rateLimit.js';

export interface RequestSecurity {
  readonly caller: Caller;
  /** Created per request: it caches thing-group lookups for the request's lifetime only. */
  readonly authorizer: Authorizer;
  readonly rateLimiter: RateLimiter;
  /** The caller's bucket: `sub:<sub>`, or `ip:<address>` for the anonymous caller. */
  readonly rateLimitKey: string;
  readonly idempotency: IdempotencyStore;
  /** The validated Idempotency-Key header; undefined when the request sent none. */
  readonly idempotencyKey: string | undefined;
  readonly audit: AuditLog;
  readonly ip: string | undefined;
  readonly userAgent: string | undefined;
}
