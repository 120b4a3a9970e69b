import * as iot from '@aws-sdk/client-iot';
import * as data from '@aws-sdk/client-iot-jobs-data-plane';
import { describe, expect, it } from 'vitest';
import type { UpstreamFailureKind } from '../../src/domain/failures.js';
import {
  DEFAULT_RETRY_AFTER_SECONDS,
  sanitizeUpstreamMessage,
  toUpstreamFailure,
} from '../../src/upstream/errorMap.js';

const meta = (httpStatusCode: number, attempts = 1) => ({ httpStatusCode, requestId: 'req-123', attempts });

// Every modeled exception of both packages that the job operations can raise, built as the SDK builds them.
const modeled: [string, Error, UpstreamFailureKind, boolean][] = [
  [
    'iot InvalidRequest',
    new iot.InvalidRequestException({ message: 'bad', $metadata: meta(400) }),
    'InvalidRequest',
    false,
  ],
  [
    'iot ResourceNotFound',
    new iot.ResourceNotFoundException({ message: 'nf', $metadata: meta(404) }),
    'ResourceNotFound',
    false,
  ],
  [
    'iot Throttling (400)',
    new iot.ThrottlingException({ message: 't', $metadata: meta(400, 3) }),
    'Throttling',
    true,
  ],
  [
    'iot ServiceUnavailable',
    new iot.ServiceUnavailableException({ message: 'u', $metadata: meta(503, 3) }),
    'ServiceUnavailable',
    true,
  ],
  [
    'iot InvalidStateTransition',
    new iot.InvalidStateTransitionException({ message: 's', $metadata: meta(409) }),
    'InvalidStateTransition',
    false,
  ],
  [
    'iot VersionConflict',
    new iot.VersionConflictException({ message: 'v', $metadata: meta(409) }),
    'VersionConflict',
    false,
  ],
  [
    'iot LimitExceeded (410)',
    new iot.LimitExceededException({ message: 'l', $metadata: meta(410, 3) }),
    'Throttling',
    true,
  ],
  [
    'iot InternalFailure',
    new iot.InternalFailureException({ message: 'i', $metadata: meta(500, 3) }),
    'ServiceUnavailable',
    true,
  ],
  [
    'iot CertificateValidation',
    new iot.CertificateValidationException({ message: 'c', $metadata: meta(400) }),
    'CertificateValidation',
    false,
  ],
  [
    'data InvalidRequest',
    new data.InvalidRequestException({ message: 'bad', $metadata: meta(400) }),
    'InvalidRequest',
    false,
  ],
  [
    'data ResourceNotFound',
    new data.ResourceNotFoundException({ message: 'nf', $metadata: meta(404) }),
    'ResourceNotFound',
    false,
  ],
  [
    'data Throttling (429)',
    new data.ThrottlingException({ message: 't', $metadata: meta(429, 3) }),
    'Throttling',
    true,
  ],
  [
    'data ServiceUnavailable',
    new data.ServiceUnavailableException({ message: 'u', $metadata: meta(503, 3) }),
    'ServiceUnavailable',
    true,
  ],
  [
    'data CertificateValidation',
    new data.CertificateValidationException({ message: 'c', $metadata: meta(400) }),
    'CertificateValidation',
    false,
  ],
  [
    'data InvalidStateTransition',
    new data.InvalidStateTransitionException({ message: 's', $metadata: meta(409) }),
    'InvalidStateTransition',
    false,
  ],
  [
    'data TerminalState (410)',
    new data.TerminalStateException({ message: 'ts', $metadata: meta(410) }),
    'TerminalState',
    false,
  ],
  [
    'data Validation',
    new data.ValidationException({ message: 'v', $metadata: meta(400) }),
    'InvalidRequest',
    false,
  ],
  [
    'data InternalServer',
    new data.InternalServerException({ message: 'i', $metadata: meta(500) }),
    'ServiceUnavailable',
    true,
  ],
];

describe('toUpstreamFailure: modeled exceptions, keyed by name', () => {
  it.each(modeled)('%s → kind, retryable, request id and attempts', (_label, error, kind, retryable) => {
    const failure = toUpstreamFailure(error);
    expect(failure.kind).toBe(kind);
    expect(failure.retryable).toBe(retryable);
    expect(failure.upstreamRequestId).toBe('req-123');
    expect(failure.attempts).toBe(
      (error as unknown as { $metadata: { attempts: number } }).$metadata.attempts,
    );
  });

  it('never decides by HTTP status: the two 409s and the shared 400 map differently', () => {
    expect(
      toUpstreamFailure(new iot.VersionConflictException({ message: '', $metadata: meta(409) })).kind,
    ).toBe('VersionConflict');
    expect(
      toUpstreamFailure(new iot.InvalidStateTransitionException({ message: '', $metadata: meta(409) })).kind,
    ).toBe('InvalidStateTransition');
    expect(toUpstreamFailure(new iot.ThrottlingException({ message: '', $metadata: meta(400) })).kind).toBe(
      'Throttling',
    );
    expect(
      toUpstreamFailure(new iot.InvalidRequestException({ message: '', $metadata: meta(400) })).kind,
    ).toBe('InvalidRequest');
  });
});

describe('toUpstreamFailure: unmodeled answers', () => {
  it('VersionMismatch (base class, name the model lacks) on an update 409 → VersionConflict with the sent executionState', () => {
    const error = new data.IoTJobsDataPlaneServiceException({
      name: 'VersionMismatch',
      $fault: 'client',
      $metadata: meta(409),
      message: 'version mismatch',
    });
    Object.assign(error, {
      executionState: { status: 'IN_PROGRESS', versionNumber: 7, statusDetails: { step: 'x' } },
    });
    const failure = toUpstreamFailure(error);
    expect(failure).toMatchObject({
      kind: 'VersionConflict',
      executionState: {
        status: 'IN_PROGRESS',
        versionNumber: 7,
        statusDetails: [{ key: 'step', value: 'x' }],
      },
    });
  });

  it('an InvalidStateTransition body with executionState keeps it; without one it is null', () => {
    const withState = new data.InvalidStateTransitionException({ message: 's', $metadata: meta(409) });
    Object.assign(withState, { executionState: { status: 'SUCCEEDED', versionNumber: 5 } });
    expect(toUpstreamFailure(withState)).toMatchObject({
      executionState: { status: 'SUCCEEDED', versionNumber: 5 },
    });
    const bare = new iot.InvalidStateTransitionException({ message: 's', $metadata: meta(409) });
    expect(toUpstreamFailure(bare)).toMatchObject({ executionState: null });
  });

  it('any other unknown name (e.g. AccessDeniedException from a wrong endpoint) → Unexpected, cause kept for the log', () => {
    const error = new iot.IoTServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: meta(403),
      message: 'no',
    });
    const failure = toUpstreamFailure(error);
    expect(failure.kind).toBe('Unexpected');
    expect(failure.kind === 'Unexpected' && failure.cause).toBe(error);
  });

  it('an HTML 5xx (SyntaxError with $metadata, no $fault) → ServiceUnavailable, retryable', () => {
    const error = Object.assign(new SyntaxError("Unexpected token '<'"), { $metadata: meta(500, 3) });
    expect(toUpstreamFailure(error)).toMatchObject({
      kind: 'ServiceUnavailable',
      retryable: true,
      attempts: 3,
    });
  });

  it('a truncated JSON 200 → ServiceUnavailable, retryable', () => {
    const error = Object.assign(new SyntaxError('Unterminated string in JSON'), { $metadata: meta(200) });
    expect(toUpstreamFailure(error)).toMatchObject({ kind: 'ServiceUnavailable', retryable: true });
  });

  it('a SyntaxError without any HTTP answer is a bug, not an outage → Unexpected', () => {
    expect(toUpstreamFailure(new SyntaxError('oops')).kind).toBe('Unexpected');
  });

  it.each([
    [
      'socket reset',
      Object.assign(new Error('socket hang up'), {
        name: 'TimeoutError',
        code: 'ECONNRESET',
        $metadata: { attempts: 3 },
      }),
    ],
    ['refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['request timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('network failure (%s) → ServiceUnavailable, retryable, no request id', (_label, error) => {
    expect(toUpstreamFailure(error)).toMatchObject({
      kind: 'ServiceUnavailable',
      retryable: true,
      upstreamRequestId: null,
    });
  });

  it('non-Error values are Unexpected', () => {
    expect(toUpstreamFailure('boom').kind).toBe('Unexpected');
    expect(toUpstreamFailure(undefined).kind).toBe('Unexpected');
  });
});

describe('throttling hints and messages', () => {
  const throttled = (headers: Record<string, string>) =>
    Object.assign(new data.ThrottlingException({ message: 't', $metadata: meta(429) }), {
      $response: { statusCode: 429, headers },
    });

  it('retryAfterSeconds comes from Retry-After when sent', () => {
    expect(toUpstreamFailure(throttled({ 'retry-after': '7' }))).toMatchObject({
      kind: 'Throttling',
      retryAfterSeconds: 7,
    });
  });

  it('retryAfterSeconds defaults when AWS sends no hint', () => {
    expect(toUpstreamFailure(throttled({}))).toMatchObject({
      retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
    });
  });

  it('InvalidRequest keeps AWS detail but never an ARN or account id', () => {
    const error = new iot.InvalidRequestException({
      message: 'Thing arn:aws:iot:us-east-1:123456789012:thing/dev1 is bad for account 123456789012',
      $metadata: meta(400),
    });
    const failure = toUpstreamFailure(error);
    expect(failure.message).toContain('is bad');
    expect(failure.message).not.toMatch(/arn:aws|123456789012/);
  });

  it('sanitizeUpstreamMessage strips control characters and caps the length', () => {
    expect(sanitizeUpstreamMessage('a\u0000b\nc')).toBe('a b c');
    expect(sanitizeUpstreamMessage('x'.repeat(1000))).toHaveLength(300);
  });

  it("messages of mapped failures are the gateway's own, not AWS text", () => {
    const failure = toUpstreamFailure(
      new iot.ResourceNotFoundException({
        message: 'arn:aws:iot:x:123456789012:job/j',
        $metadata: meta(404),
      }),
    );
    expect(failure.message).not.toMatch(/arn|123456789012/);
  });
});
