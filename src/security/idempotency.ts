// Idempotency-Key support for mutations: the first outcome is stored and replayed to retries of the same request.
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface IdempotencyOptions {
  /** How long a finished outcome is replayed; default 86_400_000 ms (24 hours). */
  ttlMs?: number;
  /** How long an unfinished attempt blocks its key, so a crashed replica does not block it forever; default 60_000 ms. */
  inFlightTtlMs?: number;
  /** Shared store for several replicas; default none (in memory, per process). */
  redis?: Redis;
  /** Prefix of every Redis key; default 'iotjobs:idem'. */
  keyPrefix?: string;
  /** Most records kept in memory (oldest dropped first); default 100_000. Ignored with Redis. */
  maxMemoryEntries?: number;
}

export const DEFAULT_IDEMPOTENCY_TTL_MS = 86_400_000;

/** Who used the key for what: keys are private to a caller and an operation. */
export interface IdempotencyScope {
  callerSub: string;
  /** The mutation's field name, e.g. 'cancelJobExecution'. */
  operation: string;
  key: string;
}

export type IdempotencyBegin<T> =
  | {
      kind: 'started';
      /** Stores the outcome for replay (call it for outcomes that are final, whatever their type). */
      complete(outcome: T): Promise<void>;
      /** Forgets the attempt so the key can be retried (use after an outcome that may not have happened). */
      release(): Promise<void>;
    }
  | { kind: 'replay'; outcome: T }
  /** The key was used with another payload: 422. */
  | { kind: 'mismatch' }
  /** The key's first request is still running: 409. */
  | { kind: 'in_flight' };

export interface IdempotencyStore {
  begin<T>(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyBegin<T>>;
}

interface StoredRecord {
  /** 'p' in progress, 'd' done. */
  s: 'p' | 'd';
  /** Payload fingerprint. */
  f: string;
  /** Owner token of the attempt. */
  t: string;
  o?: unknown;
}

export type IdempotencyKeyCheck = { ok: true; key: string } | { ok: false; reason: string };

/** Validates an Idempotency-Key header: 1–255 printable ASCII characters. Undefined when absent. */
export function parseIdempotencyKey(header: string | string[] | undefined): IdempotencyKeyCheck | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) return { ok: false, reason: 'Idempotency-Key must be sent once' };
  const key = header.trim();
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    return { ok: false, reason: 'Idempotency-Key must be 1-255 printable ASCII characters' };
  return { ok: true, key };
}

/** A stable hash of a JSON-like payload; object key order does not matter. */
export function fingerprintOf(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function storageKey(prefix: string, scope: IdempotencyScope): string {
  const digest = createHash('sha256')
    .update(`${scope.callerSub}\n${scope.operation}\n${scope.key}`)
    .digest('hex');
  return `${prefix}:${digest}`;
}

function interpret<T>(record: StoredRecord, fingerprint: string): IdempotencyBegin<T> {
  if (record.f !== fingerprint) return { kind: 'mismatch' };
  if (record.s === 'p') return { kind: 'in_flight' };
  return { kind: 'replay', outcome: record.o as T };
}

export function createIdempotencyStore(options: IdempotencyOptions = {}): IdempotencyStore {
  const ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  const inFlightTtlMs = options.inFlightTtlMs ?? 60_000;
  const prefix = options.keyPrefix ?? 'iotjobs:idem';
  return options.redis
    ? redisStore(options.redis, prefix, ttlMs, inFlightTtlMs)
    : memoryStore(prefix, ttlMs, inFlightTtlMs, options.maxMemoryEntries ?? 100_000);
}

function memoryStore(
  prefix: string,
  ttlMs: number,
  inFlightTtlMs: number,
  maxEntries: number,
): IdempotencyStore {
  const records = new Map<string, { record: StoredRecord; expiresAt: number }>();
  const put = (key: string, record: StoredRecord, ttl: number): void => {
    records.delete(key);
    records.set(key, { record, expiresAt: Date.now() + ttl });
    // Map keeps insertion order, so the first entry is the oldest.
    if (records.size > maxEntries) records.delete(records.keys().next().value!);
  };
  const live = (key: string) => {
    const entry = records.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    async begin<T>(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyBegin<T>> {
      const key = storageKey(prefix, scope);
      const existing = live(key);
      if (existing) return interpret<T>(existing.record, fingerprint);
      const token = randomUUID();
      put(key, { s: 'p', f: fingerprint, t: token }, inFlightTtlMs);
      const owned = () => live(key)?.record.t === token;
      return {
        kind: 'started',
        complete: async (outcome) => {
          // A detached copy, as the Redis store keeps: later changes to the answer must not alter replays.
          if (owned())
            put(
              key,
              { s: 'd', f: fingerprint, t: token, o: JSON.parse(JSON.stringify(outcome)) as T },
              ttlMs,
            );
        },
        release: async () => {
          if (owned()) records.delete(key);
        },
      };
    },
  };
}

// Both scripts act only if the record still belongs to this attempt (its lock may have expired meanwhile).
const COMPLETE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).t == ARGV[1] then
  return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return nil`;
const RELEASE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).t == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

function redisStore(redis: Redis, prefix: string, ttlMs: number, inFlightTtlMs: number): IdempotencyStore {
  return {
    async begin<T>(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyBegin<T>> {
      const key = storageKey(prefix, scope);
      const token = randomUUID();
      const attempt: StoredRecord = { s: 'p', f: fingerprint, t: token };
      // Two tries: the existing record can expire between the failed SET NX and the GET.
      for (let i = 0; i < 2; i += 1) {
        if ((await redis.set(key, JSON.stringify(attempt), 'PX', inFlightTtlMs, 'NX')) === 'OK') {
          return {
            kind: 'started',
            complete: async (outcome) => {
              const done: StoredRecord = { s: 'd', f: fingerprint, t: token, o: outcome };
              await redis.eval(COMPLETE_SCRIPT, 1, key, token, JSON.stringify(done), ttlMs);
            },
            release: async () => {
              await redis.eval(RELEASE_SCRIPT, 1, key, token);
            },
          };
        }
        const current = await redis.get(key);
        if (current !== null) return interpret<T>(JSON.parse(current) as StoredRecord, fingerprint);
      }
      return { kind: 'in_flight' };
    },
  };
}
