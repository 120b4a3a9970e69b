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
