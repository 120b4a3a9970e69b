import { describe, expect, it } from 'vitest';
import { decodeJobExecutionId, encodeJobExecutionId } from '../../src/domain/ids.js';

describe('job execution ids', () => {
  it('are base64url of JobExecution:<jobId>:<thingName>:<executionNumber>', () => {
    const id = encodeJobExecutionId({ jobId: 'job-1', thingName: 'dev1', executionNumber: 3 });
    expect(Buffer.from(id, 'base64url').toString()).toBe('JobExecution:job-1:dev1:3');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('round-trip, including thing names with colons', () => {
    const key = { jobId: 'job_1-a', thingName: 'site:berlin:dev-7', executionNumber: 12 };
    expect(decodeJobExecutionId(encodeJobExecutionId(key))).toEqual(key);
  });

  it('are stable: the same execution always gets the same id', () => {
    const key = { jobId: 'j', thingName: 't', executionNumber: 1 };
    expect(encodeJobExecutionId(key)).toBe(encodeJobExecutionId({ ...key }));
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['another type', Buffer.from('Job:j').toString('base64url')],
    ['missing number', Buffer.from('JobExecution:j:t').toString('base64url')],
    ['zero number', Buffer.from('JobExecution:j:t:0').toString('base64url')],
    ['bad job id', Buffer.from('JobExecution:j b:t:1').toString('base64url')],
  ])('decode rejects %s', (_label, id) => {
    expect(decodeJobExecutionId(id)).toBeNull();
  });
});
