import { z } from 'zod';
import type { DescribeJobExecutionQuery } from '../domain/commands.js';
import { decodeCursor, MAX_PAGE_SIZE, type ListPosition } from '../domain/cursors.js';
import { check, type Validated } from './mutations.js';
import { executionNumberSchema, jobIdSchema, thingNameSchema } from './rules.js';

// Query arguments, checked before any AWS call. Paths name the argument, e.g. ["first"] or ["names", "3"].

/** Connection page size when `first` is omitted. */
export const DEFAULT_PAGE_SIZE = 50;
/** At most this many names in Query.things. */
export const MAX_THING_NAMES = 100;

/** All checks pass, or every field error of every failing check. */
function all<T extends unknown[]>(...results: { [K in keyof T]: Validated<T[K]> }): Validated<T> {
  const fieldErrors = results.flatMap((r) => (r.ok ? [] : r.fieldErrors));
  if (fieldErrors.length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: results.map((r) => (r.ok ? r.value : undefined)) as T };
}

export function validateJobId(jobId: string, path = ['jobId']): Validated<string> {
  return check(jobIdSchema, jobId, path);
}

export function validateThingName(thingName: string, path = ['thingName']): Validated<string> {
  return check(thingNameSchema, thingName, path);
}

const thingNamesSchema = z
  .array(thingNameSchema)
  .min(1, 'must name at least one thing')
  .max(MAX_THING_NAMES, `must have at most ${MAX_THING_NAMES} names`);

export function validateThingNames(names: readonly string[]): Validated<string[]> {
  return check(thingNamesSchema, names, ['names']);
}

export function validateExecutionLookup(args: {
  jobId: string;
  thingName: string;
  executionNumber?: number | null;
}): Validated<DescribeJobExecutionQuery> {
  const checked = all<[string, string, number | undefined]>(
    validateJobId(args.jobId),
    validateThingName(args.thingName),
    args.executionNumber == null
      ? { ok: true, value: undefined }
      : check(executionNumberSchema, args.executionNumber, ['executionNumber']),
  );
  if (!checked.ok) return checked;
  const [jobId, thingName, executionNumber] = checked.value;
  return {
    ok: true,
    value: { jobId, thingName, ...(executionNumber === undefined ? {} : { executionNumber }) },
  };
}

export interface PageArgs {
  first: number;
  start: ListPosition;
}

const firstSchema = z
  .number()
  .int('must be an integer')
  .min(1, `must be between 1 and ${MAX_PAGE_SIZE}`)
  .max(MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`);

/** first (default 50, 1-250) and after (a cursor of this very list, `scope`). */
export function validatePage(
  args: { first?: number | null; after?: string | null },
  scope: string,
): Validated<PageArgs> {
  const first = check(firstSchema, args.first ?? DEFAULT_PAGE_SIZE, ['first']);
  let start: Validated<ListPosition> = { ok: true, value: { token: null, skip: 0 } };
  if (args.after != null) {
    const decoded = decodeCursor(scope, args.after);
    start = decoded.ok
      ? { ok: true, value: decoded.position }
      : { ok: false, fieldErrors: [{ path: ['after'], message: decoded.message }] };
  }
  const checked = all<[number, ListPosition]>(first, start);
  return checked.ok ? { ok: true, value: { first: checked.value[0], start: checked.value[1] } } : checked;
}
