import { describe, expect, it } from 'vitest';
import { parseJobEvent, thingNameOfArn } from '../../src/subscriptions/jobEvents.js';

// The AWS IoT payload formats (developer guide: jobs-comm-notifications, events-jobs) as the gateway reads them.

describe('parseJobEvent', () => {
  it('reads a notify message as one hint per pending execution, with the status of its list', () => {
    const payload = {
      timestamp: 1517016948,
      jobs: {
        IN_PROGRESS: [
          {
            jobId: 'job-a',
            queuedAt: 1517016947,
            lastUpdatedAt: 1517016948,
            executionNumber: 1,
            versionNumber: 2,
          },
        ],
        QUEUED: [
          {
            jobId: 'job-b',
            queuedAt: 1517016947,
            lastUpdatedAt: 1517016947,
            executionNumber: 3,
            versionNumber: 1,
          },
        ],
      },
    };
    const event = parseJobEvent('$aws/things/dev:1/jobs/notify', Buffer.from(JSON.stringify(payload)));
    expect(event).toMatchObject({
      pendingListOf: 'dev:1',
      hints: [
        { jobId: 'job-a', thingName: 'dev:1', executionNumber: 1, versionNumber: 2, status: 'IN_PROGRESS' },
        { jobId: 'job-b', thingName: 'dev:1', executionNumber: 3, versionNumber: 1, status: 'QUEUED' },
      ],
    });
    expect(event?.id).toMatch(/^msg:/);
  });

  it('gives the same message the same id and a different message another', () => {
    const text = JSON.stringify({ timestamp: 1, jobs: {} });
    const first = parseJobEvent('$aws/things/dev-1/jobs/notify', text);
    expect(parseJobEvent('$aws/things/dev-1/jobs/notify', Buffer.from(text))?.id).toBe(first?.id);
    expect(parseJobEvent('$aws/things/dev-2/jobs/notify', text)?.id).not.toBe(first?.id);
    expect(first).toEqual({ id: first?.id, hints: [], pendingListOf: 'dev-1' });
  });

  it('reads notify-next with or without a next execution', () => {
    const next = parseJobEvent(
      '$aws/things/dev-1/jobs/notify-next',
      JSON.stringify({
        timestamp: 2,
        execution: {
          jobId: 'job-a',
          thingName: 'dev-1',
          status: 'IN_PROGRESS',
          versionNumber: 4,
          executionNumber: 1,
          jobDocument: {},
        },
      }),
    );
    expect(next?.hints).toEqual([
      { jobId: 'job-a', thingName: 'dev-1', executionNumber: 1, versionNumber: 4, status: 'IN_PROGRESS' },
    ]);
    expect(next?.pendingListOf).toBeUndefined();
    expect(parseJobEvent('$aws/things/dev-1/jobs/notify-next', '{"timestamp":3}')?.hints).toEqual([]);
  });

  it('reads a job execution event by its eventId and thing ARN; a deletion carries no status', () => {
    const event = {
      eventType: 'JOB_EXECUTION',
      eventId: 'e-1',
      timestamp: 1234567890,
      operation: 'succeeded',
      jobId: 'job-a',
      thingArn: 'arn:aws:iot:eu-west-1:123456789012:thing/dev-1',
      status: 'SUCCEEDED',
      statusDetails: { k: 'v' },
    };
    expect(parseJobEvent('$aws/events/jobExecution/job-a/succeeded', JSON.stringify(event))).toEqual({
      id: 'event:e-1',
      hints: [
        {
          jobId: 'job-a',
          thingName: 'dev-1',
          executionNumber: null,
          versionNumber: null,
          status: 'SUCCEEDED',
        },
      ],
    });
    const deleted = parseJobEvent(
      '$aws/events/jobExecution/job-a/deleted',
      JSON.stringify({ ...event, eventId: 'e-2', operation: 'deleted' }),
    );
    expect(deleted?.hints[0]?.status).toBeNull();
  });

  it.each([
    ['not JSON', '$aws/things/dev-1/jobs/notify', 'nope'],
    ['another topic', '$aws/things/dev-1/shadow/update', '{}'],
    ['a bad thing name', '$aws/things/dev 1/jobs/notify', '{"jobs":{}}'],
    ['a wrong shape', '$aws/things/dev-1/jobs/notify', '{"jobs":{"QUEUED":"x"}}'],
    [
      'an event of another type',
      '$aws/events/jobExecution/job-a/succeeded',
      '{"eventType":"JOB","eventId":"1","jobId":"job-a","thingArn":"x"}',
    ],
    [
      'an event without a thing ARN',
      '$aws/events/jobExecution/job-a/succeeded',
      '{"eventType":"JOB_EXECUTION","eventId":"1","jobId":"job-a","thingArn":"arn:aws:iot:r:1:job/x"}',
    ],
  ])('ignores %s', (_label, topic, payload) => {
    expect(parseJobEvent(topic, payload)).toBeNull();
  });

  it('drops hints whose job id breaks the AWS pattern', () => {
    const event = parseJobEvent(
      '$aws/things/dev-1/jobs/notify',
      JSON.stringify({ jobs: { QUEUED: [{ jobId: '../x' }, { jobId: 'ok' }] } }),
    );
    expect(event?.hints.map((h) => h.jobId)).toEqual(['ok']);
  });
});

describe('thingNameOfArn', () => {
  it('takes the name after thing/, and nothing from other ARNs', () => {
    expect(thingNameOfArn('arn:aws:iot:us-east-1:123456789012:thing/a:b')).toBe('a:b');
    expect(thingNameOfArn('arn:aws-cn:iot:cn-north-1:1:thing/x')).toBe('x');
    expect(thingNameOfArn('arn:aws:iot:us-east-1:1:job/x')).toBeUndefined();
  });
});
