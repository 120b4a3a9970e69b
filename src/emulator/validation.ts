import { invalidRequest } from './errors.js';
import { EXECUTION_STATUSES, type ExecutionStatus } from './model/types.js';

// Model patterns are unanchored; these are the anchored equivalents (see §2 of the API reference).
export const JOB_ID = /^[a-zA-Z0-9_-]+$/;
export const THING_NAME = /^[a-zA-Z0-9:_-]+$/;
export const DETAILS_KEY = /^[a-zA-Z0-9:_-]+$/;
export const NO_CONTROL_CHARS = /^[^\p{C}]+$/u;
export const NAMESPACE_ID = /^[a-zA-Z0-9_-]+$/;
export const REASON_CODE = /^[A-Z0-9_]+$/;
export const THING_GROUP_ID = /^[a-zA-Z0-9-]+$/;
export const ATTRIBUTE_NAME = /^[a-zA-Z0-9_.,@/:#=[\]-]+$/;
export const ATTRIBUTE_VALUE = /^[a-zA-Z0-9_.,@/:#=[\]-]*$/;

export const MAX_DOCUMENT_LENGTH = 32_768;
export const MAX_DETAILS_PAIRS = 10;
export const MAX_DETAILS_VALUE_LENGTH = 1024;
export const MAX_TIMEOUT_MINUTES = 10_080;

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** Checks a string against length and pattern rules; `what` names the member in the message. */
export function checkString(value: unknown, what: string, rule: StringRule): string {
  if (typeof value !== 'string') throw invalidRequest(`${what} must be a string`);
  const { min = 0, max, pattern } = rule;
  if (value.length < min) throw invalidRequest(`${what} must be at least ${min} characters long`);
  if (max !== undefined && value.length > max) {
    throw invalidRequest(`${what} must be at most ${max} characters long`);
  }
  if (pattern && !pattern.test(value)) {
    throw invalidRequest(`${what} does not match the pattern ${pattern.source}`);
  }
  return value;
}

export const checkJobId = (value: unknown, what = 'jobId'): string =>
  checkString(value, what, { min: 1, max: 64, pattern: JOB_ID });

export const checkThingName = (value: unknown, what = 'thingName'): string =>
  checkString(value, what, { min: 1, max: 128, pattern: THING_NAME });

export function checkExecutionStatus(value: unknown, what = 'status'): ExecutionStatus {
  if (typeof value !== 'string' || !(EXECUTION_STATUSES as readonly string[]).includes(value)) {
    throw invalidRequest(`${what} must be one of ${EXECUTION_STATUSES.join(', ')}`);
  }
  return value as ExecutionStatus;
}

export function checkEnum<T extends string>(value: unknown, what: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidRequest(`${what} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A JSON `long`: any integer that survives a double. */
export function checkLong(value: unknown, what: string, range: { min?: number; max?: number } = {}): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidRequest(`${what} must be an integer`);
  }
  checkRange(value, what, range);
  return value;
}

export function checkBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw invalidRequest(`${what} must be a boolean`);
  return value;
}

function checkRange(value: number, what: string, { min, max }: { min?: number; max?: number }): void {
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw invalidRequest(`${what} must be between ${min ?? '-inf'} and ${max ?? 'inf'}`);
  }
}

/** The statusDetails map: at most 10 pairs, keys 1-128 of [a-zA-Z0-9:_-], values 1-1024 without control characters. */
export function checkStatusDetails(value: unknown, what = 'statusDetails'): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`${what} must be a map of strings`);
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_DETAILS_PAIRS) {
    throw invalidRequest(`${what} may hold at most ${MAX_DETAILS_PAIRS} name/value pairs`);
  }
  const details: Record<string, string> = {};
  for (const [key, entry] of entries) {
    checkString(key, `${what} key`, { min: 1, max: 128, pattern: DETAILS_KEY });
    details[key] = checkString(entry, `${what}.${key}`, {
      min: 1,
      max: MAX_DETAILS_VALUE_LENGTH,
      pattern: NO_CONTROL_CHARS,
    });
  }
  return details;
}

/** Thing attributes: names 1-128, values up to 800 characters, both of [a-zA-Z0-9_.,@/:#=[\]-]. */
export function checkAttributes(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('attributes must be a map of strings');
  }
  const attributes: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    checkString(key, 'attribute name', { min: 1, max: 128, pattern: ATTRIBUTE_NAME });
    attributes[key] = checkString(entry, `attribute ${key}`, { max: 800, pattern: ATTRIBUTE_VALUE });
  }
  return attributes;
}

/** A job document: JSON text of at most 32768 characters. */
export function checkDocument(value: unknown): string {
  const document = checkString(value, 'document', { max: MAX_DOCUMENT_LENGTH });
  try {
    JSON.parse(document);
  } catch {
    throw invalidRequest('The job document must be valid JSON.');
  }
  return document;
}

// Query-string members arrive as text; these parse them as strictly as AWS's own deserializer would.

export function queryInt(
  query: URLSearchParams,
  name: string,
  range: { min?: number; max?: number } = {},
): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^-?\d{1,16}$/.test(raw)) throw invalidRequest(`${name} must be an integer`);
  const value = Number(raw);
  checkRange(value, name, range);
  return value;
}

export function queryBool(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidRequest(`${name} must be true or false`);
}

export function queryString(query: URLSearchParams, name: string, rule: StringRule): string | undefined {
  const raw = query.get(name);
  return raw === null ? undefined : checkString(raw, name, rule);
}

export function queryEnum<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = query.get(name);
  return raw === null ? undefined : checkEnum(raw, name, allowed);
}

/** Optional body member: undefined stays undefined, anything else must pass `check`. */
export function optional<T>(value: unknown, check: (v: unknown) => T): T | undefined {
  return value === undefined || value === null ? undefined : check(value);
}
