// Per-caller rate limits (rate-limiter-flexible): in memory, or shared by all replicas through Redis.
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Caller } from './caller.js';

/** Which bucket a request draws from; mutations have the stricter one. */
export type RateLimitKind = 'query' | 'mutation';

export interface RateLimitOptions {
  /** Query points per caller per window; default 300. */
  queryPoints?: number;
  /** Mutation points per caller per window; default 30. */
  mutationPoints?: number;
  /** Window length in seconds; default 60. */
  windowSeconds?: number;
  /** Shared store for several replicas; default none (in memory, per process). */
  redis?: Redis;
  /** Prefix of every Redis key; default 'iotjobs:rl'. */
  keyPrefix?: string;
}

export const DEFAULT_RATE_LIMITS = { queryPoints: 300, mutationPoints: 30, windowSeconds: 60 } as const;

export type RateLimitResult =
  | { allowed: true; remaining: number }
  | {
      allowed: false;
      /** When to try again; at least 1. */
      retryAfterSeconds: number;
      /** 'limit': the caller used up the bucket. 'unavailable': the shared store is down (mutations fail closed). */
      reason: 'limit' | 'unavailable';
    };

export interface RateLimiter {
  consume(key: string, kind: RateLimitKind, points?: number): Promise<RateLimitResult>;
}

/** The bucket key: the caller's `sub`, or the client IP for the anonymous caller. */
export function rateLimitKey(caller: Caller, ip: string | undefined): string {
  return caller.anonymous ? `ip:${ip ?? 'unknown'}` : `sub:${caller.sub}`;
}

/**
 * With Redis, queries fall back to an in-memory insurance limiter when Redis fails (availability),
 * while mutations are refused with reason 'unavailable' (a destructive call never goes unlimited).
 */
export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const windowSeconds = options.windowSeconds ?? DEFAULT_RATE_LIMITS.windowSeconds;
  const queryPoints = options.queryPoints ?? DEFAULT_RATE_LIMITS.queryPoints;
  const mutationPoints = options.mutationPoints ?? DEFAULT_RATE_LIMITS.mutationPoints;
  const prefix = options.keyPrefix ?? 'iotjobs:rl';
  const make = (kind: RateLimitKind, points: number, insured: boolean): RateLimiterAbstract => {
    const base = { points, duration: windowSeconds, keyPrefix: `${prefix}:${kind}` };
    if (!options.redis) return new RateLimiterMemory(base);
    return new RateLimiterRedis({
      ...base,
      storeClient: options.redis,
      rejectIfRedisNotReady: true,
      ...(insured ? { insuranceLimiter: new RateLimiterMemory(base) } : {}),
    });
  };
  const limiters: Record<RateLimitKind, RateLimiterAbstract> = {
    query: make('query', queryPoints, true),
    mutation: make('mutation', mutationPoints, false),
  };

  return {
    async consume(key, kind, points = 1) {
      try {
        const res = await limiters[kind].consume(key, points);
        return { allowed: true, remaining: res.remainingPoints };
      } catch (err) {
        if (err instanceof RateLimiterRes) {
          return {
            allowed: false,
            reason: 'limit',
            retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)),
          };
        }
        // Only an uninsured limiter (mutations) gets here with a store error: refuse, retry soon.
        return { allowed: false, reason: 'unavailable', retryAfterSeconds: 1 };
      }
    },
  };
}
