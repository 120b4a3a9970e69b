// Chooses what the emulator conformance suite runs against: the embedded emulator (default) or real
// AWS when IOT_CONFORMANCE_TARGET=aws, so the same assertions check both.
import {
  DeleteJobCommand,
  DeleteThingCommand,
  DescribeEndpointCommand,
  IoTClient,
  paginateListJobExecutionsForJob,
  type CreateJobCommandInput,
} from '@aws-sdk/client-iot';
import { IoTJobsDataPlaneClient } from '@aws-sdk/client-iot-jobs-data-plane';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { ManualClock, startEmulator, type Emulator, type SeedData } from '../../src/emulator/index.js';
import { controlClient, createJob, createThing, dataClient, retryConfig } from './sdk.js';

export type TargetKind = 'emulator' | 'aws';

/** 'aws' only when IOT_CONFORMANCE_TARGET=aws; otherwise always the embedded emulator. */
export const targetKind: TargetKind = process.env.IOT_CONFORMANCE_TARGET === 'aws' ? 'aws' : 'emulator';
export const onAws = targetKind === 'aws';

/** For blocks that need emulator internals (faults, ManualClock, admin API, seeds); never skipped on the emulator. */
export const describeEmulatorOnly = describe.skipIf(onAws);
/** Single-test variant of describeEmulatorOnly. */
export const itEmulatorOnly = it.skipIf(onAws);

/** Start of the ManualClock used by files that ask for one: 2026-01-01T00:00:00Z. */
export const MANUAL_CLOCK_START = Date.UTC(2026, 0, 1);

export interface TargetOptions {
  /** Drive the emulator with a ManualClock starting at MANUAL_CLOCK_START; default false (system clock). */
  manualClock?: boolean;
  /** Emulator seed; default 'none'. */
  seed?: 'demo' | 'none' | SeedData;
}

export interface ConformanceTarget {
  readonly kind: TargetKind;
  readonly control: IoTClient;
  readonly data: IoTJobsDataPlaneClient;
  /** The running emulator; throws against AWS. */
  readonly emulator: Emulator;
  /** The injected clock; throws unless the target was started with manualClock. */
  readonly clock: ManualClock;
  /** A name unique to this run (and file), safe for things and jobs: `<prefix>-<run>-<n>`. */
  name(prefix: string): string;
  /** A unique job id that the target deletes at the end on AWS: for tests that call CreateJob themselves. */
  jobName(): string;
  /** The ARN of a thing this target created. */
  arnOf(thingName: string): string;
  /** Creates `count` uniquely named things and returns their names. */
  things(count: number, prefix?: string): Promise<string[]>;
  /** Creates a uniquely named job over `thingNames` and returns its id once every execution exists. */
  job(
    thingNames: readonly string[],
    extras?: Partial<Omit<CreateJobCommandInput, 'jobId' | 'targets'>>,
  ): Promise<string>;
  /** Sends a request to the emulator's admin API (`/__emulator/...`). */
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

// Real AWS creates executions and applies deletions asynchronously; the emulator never needs waiting.
const AWS_SETTLE_MS = 120_000;

/**
 * Runs `assertion` once on the emulator; against AWS retries it until it passes (eventual consistency).
 */
export async function settled<T>(assertion: () => Promise<T>): Promise<T> {
  if (!onAws) return assertion();
  const deadline = Date.now() + AWS_SETTLE_MS;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

let fileCounter = 0;

/**
 * Registers beforeAll/afterAll hooks that start the target (an emulator on an ephemeral loopback port,
 * or AWS clients) and tear it down, deleting on AWS every resource the file created.
 */
export function useConformanceTarget(options: TargetOptions = {}): ConformanceTarget {
  if (onAws) vi.setConfig({ testTimeout: 600_000, hookTimeout: 1_800_000 });
  const run = `${Date.now().toString(36).slice(-5)}${(fileCounter++).toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  let counter = 0;
  let emu: Emulator | undefined;
  let manualClock: ManualClock | undefined;
  let control: IoTClient | undefined;
  let data: IoTJobsDataPlaneClient | undefined;
  const arns = new Map<string, string>();
  const createdJobs: string[] = [];

  beforeAll(async () => {
    if (onAws) {
      control = new IoTClient({ maxAttempts: 5 });
      const { endpointAddress } = await control.send(
        new DescribeEndpointCommand({ endpointType: 'iot:Jobs' }),
      );
      data = new IoTJobsDataPlaneClient({ maxAttempts: 5, endpoint: `https://${endpointAddress!}` });
      return;
    }
    if (options.manualClock) manualClock = new ManualClock(MANUAL_CLOCK_START);
    emu = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      seed: options.seed ?? 'none',
      ...(manualClock ? { clock: manualClock } : {}),
    });
    control = controlClient(emu.url);
    data = dataClient(emu.url);
  });

  afterAll(async () => {
    if (onAws && control) await deleteAwsResources(control, createdJobs, [...arns.keys()]);
    control?.destroy();
    data?.destroy();
    await emu?.close();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not available on target '${targetKind}'`);
    return value;
  };

  const target: ConformanceTarget = {
    kind: targetKind,
    get control() {
      return need(control, 'control client');
    },
    get data() {
      return need(data, 'data client');
    },
    get emulator() {
      return need(emu, 'the emulator');
    },
    get clock() {
      return need(manualClock, 'the ManualClock');
    },
    name(prefix) {
      return `${prefix}-${run}-${++counter}`;
    },
    arnOf(thingName) {
      return need(arns.get(thingName), `thing ${thingName}`);
    },
    async things(count, prefix = 'thing') {
      const names = Array.from({ length: count }, () => target.name(prefix));
      for (const name of names) {
        const out = await createThing(target.control, name);
        arns.set(name, out.thingArn!);
      }
      return names;
    },
    jobName() {
      const jobId = target.name('job');
      createdJobs.push(jobId);
      return jobId;
    },
    async job(thingNames, extras = {}) {
      const jobId = target.jobName();
      await createJob(
        target.control,
        jobId,
        thingNames.map((t) => arns.get(t) ?? t),
        extras,
      );
      if (onAws) await settled(() => expectExecutionCount(target.control, jobId, thingNames.length));
      return jobId;
    },
    async admin(path, init = {}) {
      const res = await fetch(new URL(`/__emulator/${path.replace(/^\//, '')}`, target.emulator.url), {
        method: init.method ?? 'GET',
        ...(init.body !== undefined
          ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }
          : {}),
      });
      return res;
    },
  };
  return target;
}

async function expectExecutionCount(control: IoTClient, jobId: string, expected: number): Promise<void> {
  let seen = 0;
  for await (const page of paginateListJobExecutionsForJob({ client: control }, { jobId, maxResults: 250 })) {
    seen += page.executionSummaries?.length ?? 0;
  }
  if (seen < expected) throw new Error(`job ${jobId}: ${seen}/${expected} executions created so far`);
}

// AWS allows only a few concurrent job deletions (LimitExceededException, which the SDK retries as throttling).
async function deleteAwsResources(control: IoTClient, jobIds: string[], thingNames: string[]): Promise<void> {
  const cleaner = new IoTClient({
    ...retryConfig({ maxAttempts: 12, region: await control.config.region() }),
  });
  try {
    for (const jobId of jobIds) {
      await cleaner.send(new DeleteJobCommand({ jobId, force: true })).catch((err: Error) => {
        if (err.name !== 'ResourceNotFoundException') console.warn(`cleanup: job ${jobId}: ${err.name}`);
      });
    }
    for (const thingName of thingNames) {
      await cleaner.send(new DeleteThingCommand({ thingName })).catch((err: Error) => {
        console.warn(`cleanup: thing ${thingName}: ${err.name}`);
      });
    }
  } finally {
    cleaner.destroy();
  }
}
