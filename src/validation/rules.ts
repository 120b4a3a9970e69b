import { z } from 'zod';

// Every constraint of the AWS models and docs, anchored (the models' patterns are not, and the SDK
// checks none of them: an empty jobId would even change the URL path). Patterns use `*` so that an
// empty value reports only "must not be empty".

export const jobIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-zA-Z0-9_-]*$/, 'may contain only letters, digits, "_" and "-"');

export const thingNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[a-zA-Z0-9:_-]*$/, 'may contain only letters, digits, ":", "_" and "-"');

/** jobIdSchema as a test, for values that are skipped rather than reported (events, lookups). */
export const isJobId = (value: string): boolean => jobIdSchema.safeParse(value).success;

/** thingNameSchema as a test, for values that are skipped rather than reported (events, lookups). */
export const isThingName = (value: string): boolean => thingNameSchema.safeParse(value).success;

export const detailKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[a-zA-Z0-9:_-]*$/, 'may contain only letters, digits, ":", "_" and "-"');

// Counted in UTF-16 code units, which is never more lenient than counting characters.
export const detailValueSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters')
  .regex(/^[^\p{C}]*$/u, 'must not contain control, format, surrogate, private-use or unassigned characters');

export const MAX_STATUS_DETAILS = 10;

export const statusDetailsSchema = z
  .array(z.object({ key: detailKeySchema, value: detailValueSchema }))
  .max(MAX_STATUS_DETAILS, `must have at most ${MAX_STATUS_DETAILS} entries`)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.key)) {
        ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `duplicates the key "${entry.key}"` });
      }
      seen.add(entry.key);
    });
  });

const safeInteger = z
  .number()
  .refine(Number.isSafeInteger, 'must be an integer between -9007199254740991 and 9007199254740991');

export const expectedVersionSchema = safeInteger.refine((n) => n >= 0, 'must be 0 or more');

export const executionNumberSchema = safeInteger.refine((n) => n >= 1, 'must be 1 or more');

export const stepTimeoutSchema = z
  .number()
  .refine(
    (n) => n === -1 || (Number.isInteger(n) && n >= 1 && n <= 10_080),
    'must be between 1 and 10080 minutes, or -1 to clear the step timer',
  );

export const namespaceIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[a-zA-Z0-9_-]*$/, 'may contain only letters, digits, "_" and "-"');

/** The statuses a device may set; SUCCESS (seed wording) never reaches here: the enum rejects it. */
export const deviceStatusSchema = z.enum(['IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'REJECTED'], {
  error: 'must be IN_PROGRESS, SUCCEEDED, FAILED or REJECTED',
});
