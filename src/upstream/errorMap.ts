import type { UpstreamFailure, UpstreamFailureKind } from '../domain/failures.js';
import { UnreachableCaseError } from '../domain/unreachable.js';
import { toJobExecutionStateModel } from './normalize.js';

// The ONE table from AWS exception names to failure kinds. Keyed by `name`, never by HTTP status:
// 409 is both VersionConflict and InvalidStateTransition, 400 covers InvalidRequest, control-plane
// Throttling and CertificateValidation, 410 is LimitExceeded or TerminalState depending on the plane.
const KIND_BY_NAME: Readonly<Record<string, Exclude<UpstreamFailureKind, 'Unexpected'>>> = {
  InvalidRequestException: 'InvalidRequest',
  ValidationException: 'InvalidRequest',
  ResourceNotFoundException: 'ResourceNotFound',
  ThrottlingException: 'Throttling',
  TooManyRequestsException: 'Throttling',
  // CancelJob's 410: the SDK itself retries it as throttling.
  LimitExceededException: 'Throttling',
  ServiceUnavailableException: 'ServiceUnavailable',
  InternalFailureException: 'ServiceUnavailable',
  InternalServerException: 'ServiceUnavailable',
  InvalidStateTransitionException: 'InvalidStateTransition',
  VersionConflictException: 'VersionConflict',
  // MQTT wording that an HTTP 409 on UpdateJobExecution may carry (not modeled: arrives as the base class).
  VersionMismatch: 'VersionConflict',
  CertificateValidationException: 'CertificateValidation',
  TerminalStateException: 'TerminalState',
};

// Failures that never reached a parseable AWS answer but are worth retrying later.
const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Default pause suggested to a throttled client when AWS sent no Retry-After. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { headers?: Record<string, string | undefined> };
  executionState?: unknown;
}

function asSdkError(error: unknown): SdkErrorLike {
  return error !== null && typeof error === 'object' ? error : {};
}

function retryAfterSeconds(err: SdkErrorLike): number {
  const header = err.$response?.headers?.['retry-after'];
  if (header === undefined) return DEFAULT_RETRY_AFTER_SECONDS;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds)
    ? Math.min(3600, Math.max(1, Math.ceil(seconds)))
    : DEFAULT_RETRY_AFTER_SECONDS;
}

/** A body that was not JSON (HTML error page, truncated JSON): the SDK throws a plain SyntaxError. */
function isUnparseableAnswer(err: SdkErrorLike, status: number | undefined): boolean {
  if (status === undefined || err.$fault !== undefined) return false;
  return err.name === 'SyntaxError' || (typeof err.name === 'string' && /deserializ/i.test(err.name));
}

function classify(err: SdkErrorLike): UpstreamFailureKind {
  const name = typeof err.name === 'string' ? err.name : undefined;
  const status = err.$metadata?.httpStatusCode;
  // Only trust the name table for real service exceptions: a SyntaxError is not an AWS error code.
  if (name !== undefined && err.$fault !== undefined) return KIND_BY_NAME[name] ?? 'Unexpected';
  // 5xx garbage is an outage; a truncated 200 is a broken answer whose effect is unknown: both retryable.
  if (isUnparseableAnswer(err, status) && status !== undefined && (status >= 500 || status < 300)) {
    return 'ServiceUnavailable';
  }
  if (
    (name !== undefined && TRANSIENT_NAMES.has(name)) ||
    (typeof err.code === 'string' && TRANSIENT_CODES.has(err.code))
  ) {
    return 'ServiceUnavailable';
  }
  return 'Unexpected';
}

const MESSAGES: Readonly<Record<Exclude<UpstreamFailureKind, 'Unexpected'>, string>> = {
  InvalidRequest: 'AWS IoT rejected the request as invalid.',
  ResourceNotFound: 'The job execution was not found.',
  Throttling: 'AWS IoT throttled the request; retry after a pause.',
  ServiceUnavailable: 'AWS IoT is unavailable or answered unexpectedly; retry later.',
  InvalidStateTransition: "The job execution's current status does not allow this change.",
  VersionConflict: "expectedVersion does not match the job execution's current version.",
  CertificateValidation: 'The device certificate was not accepted by AWS IoT.',
  TerminalState: 'The job execution is already in a terminal state.',
};

/** Any error thrown by an SDK `send` → a classified UpstreamFailure (never throws). */
export function toUpstreamFailure(error: unknown): UpstreamFailure {
  const err = asSdkError(error);
  const kind = classify(err);
  const base = {
    retryable: false,
    upstreamRequestId: err.$metadata?.requestId ?? null,
    attempts: err.$metadata?.attempts ?? 0,
  };
  switch (kind) {
    case 'InvalidRequest':
      return { kind, ...base, message: withUpstreamDetail(MESSAGES[kind], error) };
    case 'ResourceNotFound':
    case 'CertificateValidation':
    case 'TerminalState':
      return { kind, ...base, message: MESSAGES[kind] };
    case 'Throttling':
      return {
        kind,
        ...base,
        retryable: true,
        message: MESSAGES[kind],
        retryAfterSeconds: retryAfterSeconds(err),
      };
    case 'ServiceUnavailable':
      return { kind, ...base, retryable: true, message: MESSAGES[kind] };
    case 'InvalidStateTransition':
    case 'VersionConflict':
      return { kind, ...base, message: MESSAGES[kind], executionState: safeState(err.executionState) };
    case 'Unexpected':
      return { kind, ...base, message: 'Unexpected upstream error.', cause: error };
    default:
      throw new UnreachableCaseError(kind);
  }
}

/** AWS's own text helps with InvalidRequest; ARNs and account ids are cut out before it is shown. */
export function sanitizeUpstreamMessage(text: string): string {
  return text
    .replace(/arn:aws[a-z-]*:[^\s"',;]*/gi, '[arn]')
    .replace(/\b\d{12}\b/g, '[account]')
    .replace(/[\p{C}]+/gu, ' ')
    .trim()
    .slice(0, 300);
}

function withUpstreamDetail(message: string, error: unknown): string {
  const detail = error instanceof Error ? sanitizeUpstreamMessage(error.message) : '';
  return detail ? `${message} ${detail}` : message;
}

// The data plane may put `executionState` on the error body (copied onto the exception by the SDK).
function safeState(raw: unknown) {
  try {
    return toJobExecutionStateModel(raw);
  } catch {
    return null;
  }
}
