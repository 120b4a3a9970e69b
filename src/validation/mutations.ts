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

function validate<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  build: (value: z.output<S>) => T,
): Validated<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: build(result.data) };
  // One entry per field: an empty jobId breaks both the length and the pattern rule.
  const byPath = new Map<string, FieldErrorModel>();
  for (const issue of result.error.issues) {
    const path = ['input', ...issue.path.map(String)];
    const key = JSON.stringify(path);
    const existing = byPath.get(key);
    if (existing) existing.message = `${existing.message}; ${issue.message}`;
    else byPath.set(key, { path, message: issue.message });
  }
  return { ok: false, fieldErrors: [...byPath.values()] };
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
