// Opaque, stable global ids. The encoding is part of the public contract (Query.node decodes it).

const EXECUTION_PREFIX = 'JobExecution';

export interface JobExecutionKey {
  jobId: string;
  thingName: string;
  executionNumber: number;
}

/** base64url of `JobExecution:<jobId>:<thingName>:<executionNumber>`. */
export function encodeJobExecutionId(key: JobExecutionKey): string {
  const raw = `${EXECUTION_PREFIX}:${key.jobId}:${key.thingName}:${key.executionNumber}`;
  return Buffer.from(raw, 'utf8').toString('base64url');
}

/**
 * Inverse of encodeJobExecutionId, or null for anything it did not produce. A thing name may
 * contain ':' but a job id may not, so the job id ends at the first ':' and the number follows the last.
 */
export function decodeJobExecutionId(id: string): JobExecutionKey | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const raw = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^JobExecution:([a-zA-Z0-9_-]+):([a-zA-Z0-9:_-]+):([1-9][0-9]*)$/.exec(raw);
  if (!match) return null;
  const [, jobId, thingName, number] = match as unknown as [string, string, string, string];
  const executionNumber = Number(number);
  if (!Number.isSafeInteger(executionNumber)) return null;
  return { jobId, thingName, executionNumber };
}

const JOB_PREFIX = 'Job';
const THING_PREFIX = 'Thing';

/** base64url of `Job:<jobId>`. */
export function encodeJobId(jobId: string): string {
  return Buffer.from(`${JOB_PREFIX}:${jobId}`, 'utf8').toString('base64url');
}

/** base64url of `Thing:<thingName>`. */
export function encodeThingId(thingName: string): string {
  return Buffer.from(`${THING_PREFIX}:${thingName}`, 'utf8').toString('base64url');
}

/** What a Node id designates, by type. */
export type NodeKey =
  | ({ type: 'JobExecution' } & JobExecutionKey)
  | { type: 'Job'; jobId: string }
  | { type: 'Thing'; thingName: string };

/** Inverse of the three encoders, or null for anything they did not produce (lengths are not checked here). */
export function decodeNodeId(id: string): NodeKey | null {
  const execution = decodeJobExecutionId(id);
  if (execution) return { type: 'JobExecution', ...execution };
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const raw = Buffer.from(id, 'base64url').toString('utf8');
  const job = /^Job:([a-zA-Z0-9_-]+)$/.exec(raw);
  // Only the canonical spelling counts, so one node never has two accepted ids.
  if (job?.[1] && encodeJobId(job[1]) === id) return { type: 'Job', jobId: job[1] };
  const thing = /^Thing:([a-zA-Z0-9:_-]+)$/.exec(raw);
  if (thing?.[1] && encodeThingId(thing[1]) === id) return { type: 'Thing', thingName: thing[1] };
  return null;
}
