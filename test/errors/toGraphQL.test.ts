import { CertificateValidationException } from '@aws-sdk/client-iot-jobs-data-plane';
import { describe, expect, it } from 'vitest';
import { UpstreamError, type UpstreamFailure } from '../../src/domain/failures.js';
import {
  cancelFailureToGraphQL,
  deleteFailureToGraphQL,
  invalidInput,
  updateFailureToGraphQL,
  type FailureContext,
} from '../../src/errors/toGraphQL.js';
import { toUpstreamFailure } from '../../src/upstream/errorMap.js';

const ctx: FailureContext = { jobId: 'j', thingName: 't', expectedVersion: 3, currentState: null };
const base = { message: 'm', retryable: false, upstreamRequestId: 'rid', attempts: 1 };
const failures: Record<UpstreamFailure['kind'], UpstreamFailure> = {
  InvalidRequest: { kind: 'InvalidRequest', ...base },
  ResourceNotFound: { kind: 'ResourceNotFound', ...base },
  Throttling: { kind: 'Throttling', ...base, retryable: true, retryAfterSeconds: 2 },
  ServiceUnavailable: { kind: 'ServiceUnavailable', ...base, retryable: true },
  InvalidStateTransition: { kind: 'InvalidStateTransition', ...base, executionState: null },
  VersionConflict: { kind: 'VersionConflict', ...base, executionState: null },
  CertificateValidation: { kind: 'CertificateValidation', ...base },
  TerminalState: { kind: 'TerminalState', ...base },
  Unexpected: { kind: 'Unexpected', ...base, cause: new Error('x') },
};

// The members each union admits, per the AWS model of the operation (plus VersionConflict on update, §5.3).
const admitted = {
  cancel: [
    'InvalidRequest',
    'InvalidStateTransition',
    'ResourceNotFound',
    'Throttling',
    'ServiceUnavailable',
    'VersionConflict',
  ],
  delete: [
    'InvalidRequest',
    'InvalidStateTransition',
    'ResourceNotFound',
    'Throttling',
    'ServiceUnavailable',
  ],
  update: [
    'InvalidRequest',
    'ResourceNotFound',
    'Throttling',
    'ServiceUnavailable',
    'CertificateValidation',
    'InvalidStateTransition',
    'VersionConflict',
  ],
};
const mappers = {
  cancel: cancelFailureToGraphQL,
  delete: deleteFailureToGraphQL,
  update: updateFailureToGraphQL,
};

describe.each(Object.keys(mappers) as (keyof typeof mappers)[])('%s failures → union members', (op) => {
  it.each(Object.keys(failures) as UpstreamFailure['kind'][])('%s', (kind) => {
    const error = new UpstreamError('Op', failures[kind]);
    if (admitted[op].includes(kind)) {
      const member = mappers[op](error, ctx);
      expect(member.__typename).toBe(`${kind}Error`);
      expect(member.upstreamRequestId).toBe('rid');
      expect(member.retryable).toBe(failures[kind].retryable);
    } else {
      // Not in this operation's union: rethrown, to be masked as an unexpected error.
      expect(() => mappers[op](error, ctx)).toThrow(error);
    }
  });
});

describe('CertificateValidationError (only reachable with a real device certificate)', () => {
  it('the SDK exception maps to the update member, not retryable, with the AWS request id', () => {
    const sdkError = new CertificateValidationException({
      message: 'Certificate is not valid',
      $metadata: { httpStatusCode: 400, requestId: 'aws-req-1', attempts: 1 },
    });
    const member = updateFailureToGraphQL(
      new UpstreamError('UpdateJobExecution', toUpstreamFailure(sdkError)),
      ctx,
    );
    expect(member).toEqual({
      __typename: 'CertificateValidationError',
      message: 'The device certificate was not accepted by AWS IoT.',
      retryable: false,
      upstreamRequestId: 'aws-req-1',
    });
  });
});

describe('member details', () => {
  it('ThrottlingError carries retryAfterSeconds', () => {
    expect(cancelFailureToGraphQL(new UpstreamError('Op', failures.Throttling), ctx)).toMatchObject({
      retryAfterSeconds: 2,
    });
  });

  it('VersionConflictError carries expectedVersion and the current state', () => {
    const currentState = { status: 'QUEUED' as const, statusDetails: [], versionNumber: 5 };
    expect(
      updateFailureToGraphQL(new UpstreamError('Op', failures.VersionConflict), { ...ctx, currentState }),
    ).toEqual({
      __typename: 'VersionConflictError',
      message: 'expectedVersion 3 does not match the current version 5.',
      retryable: false,
      upstreamRequestId: 'rid',
      expectedVersion: 3,
      currentState,
    });
  });

  it('invalidInput names every offending path and made no upstream call', () => {
    const member = invalidInput([
      { path: ['input', 'jobId'], message: 'a' },
      { path: ['input', 'statusDetails', '3', 'value'], message: 'b' },
    ]);
    expect(member).toMatchObject({
      __typename: 'InvalidRequestError',
      upstreamRequestId: null,
      retryable: false,
    });
    expect(member.message).toBe('Invalid input: input.jobId, input.statusDetails.3.value.');
  });
});
