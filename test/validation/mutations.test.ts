import { describe, expect, it } from 'vitest';
import {
  validateCancelInput,
  validateDeleteInput,
  validateUpdateInput,
} from '../../src/validation/mutations.js';

// Rule-by-rule coverage runs over HTTP in test/graphql/validation.test.ts; this checks what a valid
// input becomes: exactly the AWS members the caller gave.

describe('validated commands', () => {
  it('cancel: statusDetails pairs become the AWS map; nulls are dropped', () => {
    expect(
      validateCancelInput({
        jobId: 'j',
        thingName: 't:1',
        force: null,
        expectedVersion: 0,
        statusDetails: [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
      }),
    ).toEqual({
      ok: true,
      value: { jobId: 'j', thingName: 't:1', expectedVersion: 0, statusDetails: { a: '1', b: '2' } },
    });
  });

  it('delete: keeps executionNumber, force and namespaceId', () => {
    expect(
      validateDeleteInput({
        jobId: 'j',
        thingName: 't',
        executionNumber: 3,
        force: true,
        namespaceId: 'ns_1',
      }),
    ).toEqual({
      ok: true,
      value: { jobId: 'j', thingName: 't', executionNumber: 3, force: true, namespaceId: 'ns_1' },
    });
  });

  it('update: -1 clears the step timer and an empty statusDetails list is sent as an empty map', () => {
    expect(
      validateUpdateInput({
        jobId: 'j',
        thingName: 't',
        status: 'FAILED',
        stepTimeoutInMinutes: -1,
        statusDetails: [],
      }),
    ).toEqual({
      ok: true,
      value: { jobId: 'j', thingName: 't', status: 'FAILED', stepTimeoutInMinutes: -1, statusDetails: {} },
    });
  });

  it('one entry per offending field, its messages joined', () => {
    const result = validateCancelInput({ jobId: 'x'.repeat(70) + ' ', thingName: 't' });
    expect(result).toEqual({
      ok: false,
      fieldErrors: [
        {
          path: ['input', 'jobId'],
          message: 'must be at most 64 characters; may contain only letters, digits, "_" and "-"',
        },
      ],
    });
  });
});
