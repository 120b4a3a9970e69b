// AWS IoT job messages (MQTT topic + JSON payload) turned into hints: "this execution may have changed".
// A hint never becomes a client event by itself: the hub reads the execution fresh from AWS first.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { thingNameFromArn } from '../domain/arn.js';
import { JOB_EXECUTION_STATUSES, type JobExecutionStatus } from '../domain/models.js';
import { isJobId, isThingName } from '../validation/rules.js';

/** What one message says about one execution; null where the message does not say. */
export interface JobEventHint {
  jobId: string;
  thingName: string;
  executionNumber: number | null;
  versionNumber: number | null;
  status: JobExecutionStatus | null;
}

/** One parsed message. */
export interface JobEvent {
  /** Equal ids are the same message (a QoS 1 redelivery, or several replicas forwarding it). */
  id: string;
  hints: JobEventHint[];
  /** Set for notify: the thing whose complete pending list the hints are (absent jobs left the list). */
  pendingListOf?: string;
}

/** The topic filters a gateway subscribes to. */
export const JOB_EVENT_TOPIC_FILTERS = [
  '$aws/things/+/jobs/notify',
  '$aws/things/+/jobs/notify-next',
  '$aws/events/jobExecution/+/+',
] as const;

const NOTIFY = /^\$aws\/things\/([^/]+)\/jobs\/(notify|notify-next)$/;
const EXECUTION_EVENT = /^\$aws\/events\/jobExecution\/([^/]+)\/([a-z_]+)$/;

const long = z.number().int().nonnegative().optional();
const status = z.enum(JOB_EXECUTION_STATUSES as [JobExecutionStatus, ...JobExecutionStatus[]]).optional();
const summary = z.looseObject({ jobId: z.string(), executionNumber: long, versionNumber: long });
const notifySchema = z.looseObject({
  jobs: z
    .looseObject({ IN_PROGRESS: z.array(summary).optional(), QUEUED: z.array(summary).optional() })
    .optional(),
});
const notifyNextSchema = z.looseObject({
  execution: z
    .looseObject({ jobId: z.string(), status, executionNumber: long, versionNumber: long })
    .optional(),
});
const executionEventSchema = z.looseObject({
  eventType: z.literal('JOB_EXECUTION'),
  eventId: z.string().min(1).max(200),
  jobId: z.string(),
  thingArn: z.string(),
  status,
});

/** The thing name of `arn:aws:iot:<region>:<account>:thing/<name>`, or undefined. */
export function thingNameOfArn(arn: string): string | undefined {
  return thingNameFromArn(arn) ?? undefined;
}

/** Parses one message of the subscribed topics; null when it is not a well-formed job message. */
export function parseJobEvent(topic: string, payload: Uint8Array | string): JobEvent | null {
  const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const messageId = () =>
    `msg:${createHash('sha256').update(topic).update('\0').update(text).digest('base64url')}`;
  const notify = NOTIFY.exec(topic);
  if (notify) {
    const thingName = notify[1]!;
    if (!isThingName(thingName)) return null;
    if (notify[2] === 'notify') {
      const parsed = notifySchema.safeParse(json);
      if (!parsed.success) return null;
      const lists = {
        IN_PROGRESS: parsed.data.jobs?.IN_PROGRESS ?? [],
        QUEUED: parsed.data.jobs?.QUEUED ?? [],
      };
      const hints = (['IN_PROGRESS', 'QUEUED'] as const).flatMap((listStatus) =>
        lists[listStatus].map((s) =>
          hint(s.jobId, thingName, s.executionNumber, s.versionNumber, listStatus),
        ),
      );
      return { id: messageId(), hints: hints.filter(isHint), pendingListOf: thingName };
    }
    const parsed = notifyNextSchema.safeParse(json);
    if (!parsed.success) return null;
    const e = parsed.data.execution;
    const hints = e
      ? [hint(e.jobId, thingName, e.executionNumber, e.versionNumber, e.status)].filter(isHint)
      : [];
    return { id: messageId(), hints };
  }
  const event = EXECUTION_EVENT.exec(topic);
  if (event) {
    const parsed = executionEventSchema.safeParse(json);
    if (!parsed.success) return null;
    const thingName = thingNameOfArn(parsed.data.thingArn);
    // A deletion reports the status the execution had: no status, so it is never taken for a repeat.
    const eventStatus = event[2] === 'deleted' ? undefined : parsed.data.status;
    const only =
      thingName === undefined ? null : hint(parsed.data.jobId, thingName, undefined, undefined, eventStatus);
    return only ? { id: `event:${parsed.data.eventId}`, hints: [only] } : null;
  }
  return null;
}

function hint(
  jobId: string,
  thingName: string,
  executionNumber: number | undefined,
  versionNumber: number | undefined,
  status: JobExecutionStatus | undefined,
): JobEventHint | null {
  if (!isJobId(jobId) || !isThingName(thingName)) return null;
  return {
    jobId,
    thingName,
    executionNumber: executionNumber ?? null,
    versionNumber: versionNumber ?? null,
    status: status ?? null,
  };
}

function isHint(value: JobEventHint | null): value is JobEventHint {
  return value !== null;
}
