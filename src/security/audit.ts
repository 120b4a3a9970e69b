// Audit trail: one structured log line per mutation attempt, allowed or denied, never carrying a credential.
import type { Logger } from 'pino';

export interface AuditRecord {
  requestId: string;
  caller: { sub: string; clientId?: string };
  /** Client address and user agent, when known. */
  ip?: string;
  userAgent?: string;
  /** The mutation field, e.g. 'cancelJobExecution'. */
  operation: string;
  thingName?: string;
  jobId?: string;
  executionNumber?: number;
  force?: boolean;
  expectedVersion?: number;
  idempotencyKey?: string;
  /** Whether the policy let the call through, and which rule decided. */
  decision: 'allowed' | 'denied';
  rule?: string;
  /** Why it was denied (policy reason, rate limit, …); never shown to the client. */
  reason?: string;
  /** The result union member's __typename, or 'error:<code>' for a top-level error. */
  outcome: string;
  /** True when the outcome was replayed from the idempotency store. */
  replayed?: boolean;
  /** AWS request id of the upstream call that decided the outcome. */
  upstreamRequestId?: string;
  latencyMs: number;
}

export interface AuditLog {
  record(entry: AuditRecord): void;
}

// Copies only the known fields, so a token or header object passed by mistake never reaches the log.
const FIELDS = [
  'requestId',
  'ip',
  'userAgent',
  'operation',
  'thingName',
  'jobId',
  'executionNumber',
  'force',
  'expectedVersion',
  'idempotencyKey',
  'decision',
  'rule',
  'reason',
  'outcome',
  'replayed',
  'upstreamRequestId',
  'latencyMs',
] as const satisfies readonly (keyof AuditRecord)[];

/** Audit lines are `info` lines of a pino child logger tagged `audit: true`, with pino's `time`. */
export function createAuditLog(logger: Logger): AuditLog {
  const log = logger.child({ audit: true });
  return {
    record(entry) {
      const line: Record<string, unknown> = {
        callerSub: entry.caller.sub,
        ...(entry.caller.clientId !== undefined ? { callerClientId: entry.caller.clientId } : {}),
      };
      for (const field of FIELDS) if (entry[field] !== undefined) line[field] = entry[field];
      log.info(line, 'audit');
    },
  };
}
