// The emulator's public programmatic contract. The gateway's local bootstrap, the tests and the
// benchmarks depend only on this file (re-exported by ./index.ts), so keep it stable.

/** Epoch milliseconds source; inject a ManualClock in tests so timeouts need no waiting. */
export interface Clock {
  now(): number;
}

/** The two AWS services this emulator speaks, by their SigV4 signing names. */
export type EmulatedService = 'iot' | 'iot-jobs-data';

/** Ways the emulator can be made to fail on purpose (tests and benchmarks only). */
export type FaultMode =
  | 'throttle' // ThrottlingException with the plane's own status (400 control, 429 data)
  | 'unavailable' // ServiceUnavailableException 503
  | 'html500' // 500 with an HTML body, as a misbehaving proxy would send
  | 'malformedJson' // 200 with a truncated JSON body
  | 'reset' // the socket is destroyed without a response
  | 'delay' // the normal answer, after delayMs
  | 'applyThenReset'; // the operation takes effect, then the socket is destroyed (a lost response)

export interface FaultSpec {
  /** Operation name such as 'CancelJobExecution', or '*' for every operation. Default '*'. */
  operation?: string;
  /** Restrict to one plane; both when omitted. */
  service?: EmulatedService;
  mode: FaultMode;
  /** How many matching calls fail; default 1. Use Infinity for "until cleared". */
  count?: number;
  /** For 'delay': how long to wait before answering. Default 1000 ms. */
  delayMs?: number;
  /** For probabilistic faults (benchmarks): fraction 0..1 of matching calls that fail. Default 1. */
  probability?: number;
}

export interface RecordedCall {
  service: EmulatedService;
  /** AWS operation name, e.g. 'DescribeJob'; 'Unknown' for unrouted requests. */
  operation: string;
  method: string;
  path: string;
  status: number;
}

/** JSON seed file format: see src/emulator/seeds/demo.json. */
export interface SeedData {
  things?: { thingName: string; attributes?: Record<string, string> }[];
  /** Static thing groups, created in order (a parent before its children), with the things added to each. */
  thingGroups?: { thingGroupName: string; parentGroupName?: string; things: string[] }[];
  jobs?: {
    jobId: string;
    document?: string | Record<string, unknown>;
    description?: string;
    /** Thing names (not ARNs) targeted at creation: each gets a QUEUED execution. */
    targets: string[];
    targetSelection?: 'SNAPSHOT' | 'CONTINUOUS';
    inProgressTimeoutInMinutes?: number;
    /** Executions to move on after creation, applied in order, as a device or operator would. */
    executions?: {
      thingName: string;
      status:
        'QUEUED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'REJECTED' | 'REMOVED' | 'CANCELED';
      statusDetails?: Record<string, string>;
    }[];
  }[];
}

export interface EmulatorOptions {
  /** TCP port; default 0 (an ephemeral port). */
  port?: number;
  /** Interface to bind; default '127.0.0.1'. */
  host?: string;
  /** 'demo' loads the bundled demo fleet, 'none' starts empty, a path loads a JSON seed file, an object is used as is. Default 'none'. */
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- the literals document the special values
  seed?: 'demo' | 'none' | string | SeedData;
  /** Time source; default the system clock. */
  clock?: Clock;
  /** Region used in ARNs and the discovered endpoint; default 'us-east-1'. */
  region?: string;
  /** Account id used in ARNs; default '123456789012'. */
  accountId?: string;
  /** MQTT broker (e.g. 'mqtt://127.0.0.1:1883') to publish the AWS IoT job topics to; default none (in-process only). */
  mqttUrl?: string;
}

export interface Emulator {
  /** e.g. 'http://127.0.0.1:41234': give it to any AWS SDK as its endpoint (AWS_ENDPOINT_URL). */
  readonly url: string;
  readonly port: number;
  /** Queue faults; they apply to the next matching calls. */
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Every request served since start or the last resetCalls(), in order. */
  calls(filter?: { operation?: string; service?: EmulatedService }): RecordedCall[];
  resetCalls(): void;
  /** Drops all things, jobs, executions, faults and recorded calls. */
  reset(): void;
  /** Loads a seed on top of the current state. */
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- the literals document the special values
  seed(seed: 'demo' | string | SeedData): Promise<void>;
  /** Receives every AWS IoT job topic message (notify, notify-next, jobExecution events) in-process; returns the unsubscribe. */
  onJobEvent(listener: (topic: string, payload: string) => void): () => void;
  close(): Promise<void>;
}
