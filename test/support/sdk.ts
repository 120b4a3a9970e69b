// Real AWS SDK clients and fixture builders shared by every test that talks to an IoT Jobs upstream.
import {
  CreateJobCommand,
  CreateThingCommand,
  DescribeJobExecutionCommand,
  IoTClient,
  type CreateJobCommandInput,
  type JobExecution,
  type CreateJobCommandOutput,
  type CreateThingCommandOutput,
} from '@aws-sdk/client-iot';
import { IoTJobsDataPlaneClient } from '@aws-sdk/client-iot-jobs-data-plane';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { expect } from 'vitest';

/** Region of the emulator's ARNs and of every test client unless overridden. */
export const TEST_REGION = 'us-east-1';
/** The emulator's default account id, as used in its ARNs. */
export const TEST_ACCOUNT_ID = '123456789012';

export interface SdkClientOptions {
  /** Attempts per call, the first included; default 1 so a test sees every failure exactly once. */
  maxAttempts?: number;
  /** Fixed wait between retries in ms; default the SDK's own jittered backoff (up to seconds for throttling). */
  retryDelayMs?: number;
  /** Signing region; default 'us-east-1'. */
  region?: string;
}

interface ResolvedClientConfig {
  region: string;
  maxAttempts?: number;
  retryStrategy?: ConfiguredRetryStrategy;
}

/** Retry settings for either client; exported so a real-AWS client can share them. */
export function retryConfig(opts: SdkClientOptions = {}): ResolvedClientConfig {
  const maxAttempts = opts.maxAttempts ?? 1;
  const region = opts.region ?? TEST_REGION;
  // A configured strategy keeps the SDK's own error classification but makes retry waits tiny.
  if (opts.retryDelayMs !== undefined) {
    return { region, retryStrategy: new ConfiguredRetryStrategy(maxAttempts, opts.retryDelayMs) };
  }
  return { region, maxAttempts };
}

// The emulator accepts any SigV4 credentials; static dummies keep the default provider chain out of tests.
const dummyCredentials = { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: 'conformance-secret' };

/** A control-plane client (`@aws-sdk/client-iot`) aimed at `url`, e.g. an emulator's url. */
export function controlClient(url: string, opts?: SdkClientOptions): IoTClient {
  return new IoTClient({ ...retryConfig(opts), endpoint: url, credentials: dummyCredentials });
}

/** A data-plane client (`@aws-sdk/client-iot-jobs-data-plane`) aimed at `url`. */
export function dataClient(url: string, opts?: SdkClientOptions): IoTJobsDataPlaneClient {
  return new IoTJobsDataPlaneClient({ ...retryConfig(opts), endpoint: url, credentials: dummyCredentials });
}

/** The ARN AWS (and the emulator) gives a thing: `arn:aws:iot:<region>:<account>:thing/<name>`. */
export function thingArn(name: string, opts: { region?: string; accountId?: string } = {}): string {
  return `arn:aws:iot:${opts.region ?? TEST_REGION}:${opts.accountId ?? TEST_ACCOUNT_ID}:thing/${name}`;
}

/** Creates (or, idempotently, re-creates) a thing. */
export function createThing(
  control: IoTClient,
  thingName: string,
  attributes?: Record<string, string>,
): Promise<CreateThingCommandOutput> {
  return control.send(
    new CreateThingCommand({ thingName, ...(attributes ? { attributePayload: { attributes } } : {}) }),
  );
}

/** A small JSON job document, as devices receive it. */
export const DEFAULT_JOB_DOCUMENT = JSON.stringify({ operation: 'firmware-update', version: '1.2.3' });

/**
 * Creates a job targeting `things`: each entry is a thing name (turned into an ARN with the default
 * region and account) or already a full ARN. The document defaults to DEFAULT_JOB_DOCUMENT.
 */
export function createJob(
  control: IoTClient,
  jobId: string,
  things: readonly string[],
  extras: Partial<Omit<CreateJobCommandInput, 'jobId' | 'targets'>> = {},
): Promise<CreateJobCommandOutput> {
  const targets = things.map((t) => (t.startsWith('arn:') ? t : thingArn(t)));
  return control.send(new CreateJobCommand({ document: DEFAULT_JOB_DOCUMENT, ...extras, jobId, targets }));
}

/**
 * statusDetails maps AWS rejects with InvalidRequestException (service model and docs): empty values, more
 * than 10 pairs, values over 1,024 chars, \p{C} characters in values, and keys outside 1-128 `[a-zA-Z0-9:_-]`.
 */
export const INVALID_STATUS_DETAILS: Readonly<Record<string, Record<string, string>>> = {
  'an empty value': { step: '' },
  '11 pairs': Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])),
  'a 1,025-char value': { log: 'x'.repeat(1025) },
  'a newline in a value': { log: 'line1\nline2' },
  'a BEL control character in a value': { log: 'ding\u0007' },
  'a format character (ZWJ) in a value': { log: 'a\u200Db' },
  'a key with a space': { 'bad key': 'v' },
  'a 129-char key': { ['k'.repeat(129)]: 'v' },
  'an empty key': { '': 'v' },
};

/** The properties every AWS SDK v3 service exception carries. */
export interface ServiceErrorShape extends Error {
  $fault: 'client' | 'server';
  $metadata: { httpStatusCode?: number; requestId?: string; attempts?: number };
  [extra: string]: unknown;
}

/** Awaits `promise`, which must reject, and returns what it rejected with. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Asserts that `promise` rejects with a modeled AWS error: its name, HTTP status, fault (default
 * 'client', or 'server' for 5xx) and a request id. Returns the error for further checks.
 */
export async function expectServiceError(
  promise: Promise<unknown>,
  expected: { name: string; status: number; fault?: 'client' | 'server' },
): Promise<ServiceErrorShape> {
  const err = (await caught(promise)) as ServiceErrorShape;
  const fault = expected.fault ?? (expected.status >= 500 ? 'server' : 'client');
  expect({
    name: err.name,
    status: err.$metadata?.httpStatusCode,
    fault: err.$fault,
  }).toEqual({ name: expected.name, status: expected.status, fault });
  expect(typeof err.$metadata.requestId).toBe('string');
  expect(err.$metadata.requestId!.length).toBeGreaterThan(0);
  expect(err.message).toMatch(/\S/);
  return err;
}

/** The control-plane view of one execution (the latest unless `executionNumber` is given). */
export async function describeExecution(
  control: IoTClient,
  jobId: string,
  thingName: string,
  executionNumber?: number,
): Promise<JobExecution> {
  const out = await control.send(
    new DescribeJobExecutionCommand({
      jobId,
      thingName,
      ...(executionNumber !== undefined ? { executionNumber } : {}),
    }),
  );
  if (!out.execution) throw new Error(`no execution in DescribeJobExecution(${jobId}, ${thingName})`);
  return out.execution;
}

/**
 * Headers that pass as SigV4 for `service` ('iot' or 'iot-jobs-data') on raw requests to the emulator,
 * which reads the credential scope to pick the plane but never verifies signatures.
 */
export function fakeSigV4Headers(
  service: 'iot' | 'iot-jobs-data',
  region = TEST_REGION,
): Record<string, string> {
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDCONFORMANCE/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    'x-amz-date': '20260101T000000Z',
  };
}
