import { z } from 'zod';
import type {
  CancelJobExecutionCommand,
  DeleteJobExecutionCommand,
  StatusDetailsMap,
  UpdateJobExecutionCommand,
} from '../domain/commands.js';
import {
  deviceStatusSchema,
  executionNumberSchema,
  expectedVersionSchema,
  jobIdSchema,
  namespaceIdSchema,
  statusDetailsSchema,
  stepTimeoutSchema,
  thingNameSchema,
} from './rules.js';

// The one place mutation arguments are checked before any AWS call. GraphQL already enforced
// types and non-null; null for an optional member means "omitted".

export interface FieldErrorModel {
  path: string[];
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrorModel[] };

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const toMap = (entries: { key: string; value: string }[] | undefined): StatusDetailsMap | undefined =>
  entries === undefined ? undefined : Object.fromEntries(entries.map((e) => [e.key, e.value]));

const cancelSchema = z.object({
  jobId: jobIdSchema,
  thingName: thingNameSchema,
  force: optional(z.boolean()),
  expectedVersion: optional(expectedVersionSchema),
  statusDetails: optional(statusDetailsSchema),
});

const deleteSchema = z.object({
  jobId: jobIdSchema,
  thingName: thingNameSchema,
  executionNumber: executionNumberSchema,
  force: optional(z.boolean()),
  namespaceId: optional(namespaceIdSchema),
});

const updateSchema = z.object({
  jobId: jobIdSchema,
  thingName: thingNameSchema,
  status: deviceStatusSchema,
  statusDetails: optional(statusDetailsSchema),
  stepTimeoutInMinutes: optional(stepTimeoutSchema),
  expectedVersion: optional(expectedVersionSchema),
  includeJobExecutionState: optional(z.boolean()),
  includeJobDocument: optional(z.boolean()),
  executionNumber: optional(executionNumberSchema),
});

/** The parsed value, or one field error per failing field, each path starting with `path`. */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: string[],
): Validated<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  // One entry per field: an empty jobId breaks both the length and the pattern rule.
  const byPath = new Map<string, FieldErrorModel>();
  for (const issue of result.error.issues) {
    const full = [...path, ...issue.path.map(String)];
    const key = JSON.stringify(full);
    const existing = byPath.get(key);
    if (existing) existing.message = `${existing.message}; ${issue.message}`;
    else byPath.set(key, { path: full, message: issue.message });
  }
  return { ok: false, fieldErrors: [...byPath.values()] };
}

function validate<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  build: (value: z.output<S>) => T,
): Validated<T> {
  const checked = check(schema, input, ['input']);
  return checked.ok ? { ok: true, value: build(checked.value) } : checked;
}

/** Drops undefined members so the SDK sends exactly what the caller gave. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function validateCancelInput(input: unknown): Validated<CancelJobExecutionCommand> {
  return validate(cancelSchema, input, (v) => compact({ ...v, statusDetails: toMap(v.statusDetails) }));
}

export function validateDeleteInput(input: unknown): Validated<DeleteJobExecutionCommand> {
  return validate(deleteSchema, input, (v) => compact({ ...v }));
}

export function validateUpdateInput(input: unknown): Validated<UpdateJobExecutionCommand> {
  return validate(updateSchema, input, (v) => compact({ ...v, statusDetails: toMap(v.statusDetails) }));
}
