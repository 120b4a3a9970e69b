import { describe, expect, it } from 'vitest';
import {
  thingNameFromArn,
  toDate,
  toJobExecutionModel,
  toJobExecutionStateModel,
  toJobExecutionSummaryModel,
  UpstreamShapeError,
} from '../../src/upstream/normalize.js';

describe('toJobExecutionModel: one shape from either plane', () => {
  const expected = {
    jobId: 'job-1',
    thingName: 'dev:1',
    status: 'IN_PROGRESS',
    statusDetails: [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ],
    queuedAt: new Date('2023-11-14T22:13:20.000Z'),
    startedAt: new Date('2023-11-14T22:13:30.000Z'),
    lastUpdatedAt: new Date('2023-11-14T22:13:40.000Z'),
    executionNumber: 2,
    versionNumber: 3,
    approximateSecondsBeforeTimedOut: 60,
  };

  it('control plane: thingArn → thingName, wrapped detailsMap, Date timestamps, forceCanceled kept', () => {
    const model = toJobExecutionModel({
      jobId: 'job-1',
      thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/dev:1',
      status: 'IN_PROGRESS',
      statusDetails: { detailsMap: { b: '2', a: '1' } },
      forceCanceled: false,
      queuedAt: new Date(1_700_000_000_000),
      startedAt: new Date(1_700_000_010_000),
      lastUpdatedAt: new Date(1_700_000_020_000),
      executionNumber: 2,
      versionNumber: 3,
      approximateSecondsBeforeTimedOut: 60,
    });
    expect(model).toEqual({ ...expected, forceCanceled: false });
  });

  it('data plane: plain statusDetails, epoch-second numbers, no forceCanceled', () => {
    const model = toJobExecutionModel({
      jobId: 'job-1',
      thingName: 'dev:1',
      status: 'IN_PROGRESS',
      statusDetails: { a: '1', b: '2' },
      queuedAt: 1_700_000_000,
      startedAt: 1_700_000_010,
      lastUpdatedAt: 1_700_000_020,
      executionNumber: 2,
      versionNumber: 3,
      approximateSecondsBeforeTimedOut: 60,
      jobDocument: '{}',
    });
    expect(model).toEqual({ ...expected, forceCanceled: null });
  });

  it('missing optional members become null or empty', () => {
    const model = toJobExecutionModel({ jobId: 'j', thingName: 't', status: 'QUEUED', executionNumber: 1 });
    expect(model).toMatchObject({
      statusDetails: [],
      queuedAt: null,
      versionNumber: null,
      forceCanceled: null,
    });
    expect(
      toJobExecutionModel({
        jobId: 'j',
        thingName: 't',
        status: 'QUEUED',
        executionNumber: 1,
        statusDetails: {},
      }).statusDetails,
    ).toEqual([]);
    expect(
      toJobExecutionModel({
        jobId: 'j',
        thingArn: 'arn:aws:iot:r:1:thing/t',
        status: 'QUEUED',
        executionNumber: 1,
        statusDetails: {},
      }).statusDetails,
    ).toEqual([]);
  });

  it('fills ids the shape leaves out from the query, and rejects answers it cannot identify', () => {
    expect(
      toJobExecutionModel({ status: 'QUEUED', executionNumber: 1 }, { jobId: 'j', thingName: 't' }),
    ).toMatchObject({
      jobId: 'j',
      thingName: 't',
    });
    expect(() => toJobExecutionModel({ jobId: 'j', thingName: 't', status: 'QUEUED' })).toThrow(
      UpstreamShapeError,
    );
    expect(() =>
      toJobExecutionModel({ jobId: 'j', thingName: 't', status: 'SUCCESS' as never, executionNumber: 1 }),
    ).toThrow(UpstreamShapeError);
  });
});

describe('toDate', () => {
  it('reads data-plane numbers as epoch seconds and 13-digit values as milliseconds', () => {
    expect(toDate(1_700_000_000)?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(toDate(1_700_000_000_123)?.toISOString()).toBe('2023-11-14T22:13:20.123Z');
    expect(toDate(1_700_000_000.5)?.toISOString()).toBe('2023-11-14T22:13:20.500Z');
  });

  it('passes Dates through and turns absent or invalid values into null', () => {
    const date = new Date();
    expect(toDate(date)).toBe(date);
    expect(toDate(undefined)).toBeNull();
    expect(toDate(new Date(Number.NaN))).toBeNull();
  });
});

describe('other shapes', () => {
  it('thingNameFromArn', () => {
    expect(thingNameFromArn('arn:aws:iot:eu-west-1:123456789012:thing/my:thing')).toBe('my:thing');
    expect(thingNameFromArn('arn:aws:iot:eu-west-1:123456789012:job/x')).toBeNull();
  });

  it('toJobExecutionStateModel accepts the data-plane state and untyped error bodies, null otherwise', () => {
    expect(
      toJobExecutionStateModel({ status: 'SUCCEEDED', statusDetails: { k: 'v' }, versionNumber: 4 }),
    ).toEqual({
      status: 'SUCCEEDED',
      statusDetails: [{ key: 'k', value: 'v' }],
      versionNumber: 4,
    });
    expect(toJobExecutionStateModel(undefined)).toBeNull();
    expect(toJobExecutionStateModel({})).toBeNull();
  });

  it('summaries: control rows take the thing from the wrapper, data rows the status from their list', () => {
    expect(
      toJobExecutionSummaryModel(
        { status: 'QUEUED', executionNumber: 1, queuedAt: new Date(0), retryAttempt: 0 },
        { jobId: 'j', thingArn: 'arn:aws:iot:r:1:thing/t' },
      ),
    ).toMatchObject({ jobId: 'j', thingName: 't', status: 'QUEUED', retryAttempt: 0, versionNumber: null });
    expect(
      toJobExecutionSummaryModel(
        { jobId: 'j', executionNumber: 1, versionNumber: 2, queuedAt: 1 },
        { thingName: 't', status: 'IN_PROGRESS' },
      ),
    ).toMatchObject({ status: 'IN_PROGRESS', versionNumber: 2, queuedAt: new Date(1000) });
  });
});
