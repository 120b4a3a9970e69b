import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ListJobExecutionsForJobQuery } from '../../src/domain/commands.js';
import { UpstreamError } from '../../src/domain/failures.js';
import type { JobExecutionModel, JobExecutionStatus } from '../../src/domain/models.js';
import { JobEventHub } from '../../src/subscriptions/hub.js';
import type { JobEvent } from '../../src/subscriptions/jobEvents.js';

// The hub against a scripted upstream: what it reads, when, and what it hands to watchers.

function execution(
  thingName: string,
  status: JobExecutionStatus,
  versionNumber: number,
  jobId = 'job-1',
): JobExecutionModel {
  return {
    jobId,
    thingName,
    status,
    statusDetails: [],
    forceCanceled: false,
    queuedAt: new Date(0),
    startedAt: null,
    lastUpdatedAt: new Date(versionNumber * 1000),
    executionNumber: 1,
    versionNumber,
    approximateSecondsBeforeTimedOut: null,
  };
}

function fakeUpstream(initial: JobExecutionModel[]) {
  const state = new Map(initial.map((e) => [`${e.jobId}/${e.thingName}`, e]));
  const calls = { describe: 0, list: 0 };
  let gate: Promise<void> = Promise.resolve();
  return {
    calls,
    set: (e: JobExecutionModel) => state.set(`${e.jobId}/${e.thingName}`, e),
    remove: (jobId: string, thingName: string) => state.delete(`${jobId}/${thingName}`),
    /** Holds every describe until the returned function is called. */
    hold(): () => void {
      let release: () => void = () => undefined;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    upstream: {
      async describeJobExecution(query: { jobId: string; thingName: string }) {
        calls.describe += 1;
        await gate;
        const found = state.get(`${query.jobId}/${query.thingName}`);
        if (!found) {
          throw new UpstreamError('DescribeJobExecution', {
            kind: 'ResourceNotFound',
            message: 'gone',
            retryable: false,
            upstreamRequestId: null,
            attempts: 1,
          });
        }
        return { ...found };
      },
      async listJobExecutionsForJob(query: ListJobExecutionsForJobQuery) {
        calls.list += 1;
        const items = [...state.values()]
          .filter((e) => e.jobId === query.jobId)
          .map((e) => ({ ...e, versionNumber: null, retryAttempt: null }));
        return { items, nextToken: null };
      },
    },
  };
}

const logger = pino({ level: 'silent' });
const notify = (
  id: string,
  thingName: string,
  jobs: { jobId: string; versionNumber: number; status: JobExecutionStatus }[],
): JobEvent => ({
  id,
  pendingListOf: thingName,
  hints: jobs.map((j) => ({
    jobId: j.jobId,
    thingName,
    executionNumber: 1,
    versionNumber: j.versionNumber,
    status: j.status,
  })),
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('JobEventHub', () => {
  it('reads a watched execution once per message: repeats and older versions cost nothing', async () => {
    const fake = fakeUpstream([execution('dev-1', 'QUEUED', 1)]);
    const hub = new JobEventHub({ upstream: fake.upstream, logger });
    const seen: number[] = [];
    hub.watchExecution({ jobId: 'job-1', thingName: 'dev-1' }, (e) => seen.push(e.versionNumber!));
    await hub.current({ jobId: 'job-1', thingName: 'dev-1' });
    fake.set(execution('dev-1', 'IN_PROGRESS', 2));
    const message = notify('m-1', 'dev-1', [{ jobId: 'job-1', versionNumber: 2, status: 'IN_PROGRESS' }]);
    hub.ingest(message);
    hub.ingest(message);
    await settle();
    hub.ingest(notify('m-0', 'dev-1', [{ jobId: 'job-1', versionNumber: 1, status: 'QUEUED' }]));
    await settle();
    expect(seen).toEqual([1, 2]);
    expect(fake.calls.describe).toBe(2);
    expect(hub.stats).toMatchObject({ duplicates: 1, stale: 1 });
  });

  it('ignores executions nobody watches and forwards only events that did not come from another replica', async () => {
    const fake = fakeUpstream([execution('dev-1', 'QUEUED', 1)]);
    const forwarded: string[] = [];
    const hub = new JobEventHub({ upstream: fake.upstream, logger, forward: (e) => forwarded.push(e.id) });
    hub.ingest(notify('m-1', 'dev-1', [{ jobId: 'job-1', versionNumber: 2, status: 'QUEUED' }]));
    hub.ingest(notify('m-2', 'dev-1', [{ jobId: 'job-1', versionNumber: 3, status: 'QUEUED' }]), true);
    await settle();
    expect(fake.calls.describe).toBe(0);
    expect(forwarded).toEqual(['m-1']);
  });

  it('coalesces a burst of messages into at most two reads, and the watcher sees the last state', async () => {
    const fake = fakeUpstream([execution('dev-1', 'IN_PROGRESS', 2)]);
    const hub = new JobEventHub({ upstream: fake.upstream, logger });
    const seen: number[] = [];
    hub.watchExecution({ jobId: 'job-1', thingName: 'dev-1' }, (e) => seen.push(e.versionNumber!));
    const release = fake.hold();
    for (let v = 3; v <= 12; v += 1) {
      fake.set(execution('dev-1', 'IN_PROGRESS', v));
      hub.ingest(notify(`m-${v}`, 'dev-1', [{ jobId: 'job-1', versionNumber: v, status: 'IN_PROGRESS' }]));
    }
    release();
    await settle();
    expect(fake.calls.describe).toBe(2);
    expect(seen.at(-1)).toBe(12);
  });

  it('re-reads a watched pending execution that a notify no longer lists (finished without a job event)', async () => {
    const fake = fakeUpstream([execution('dev-1', 'IN_PROGRESS', 2)]);
    const hub = new JobEventHub({ upstream: fake.upstream, logger });
    const seen: string[] = [];
    hub.watchExecution({ jobId: 'job-1', thingName: 'dev-1' }, (e) => seen.push(e.status));
    await hub.current({ jobId: 'job-1', thingName: 'dev-1' });
    fake.set(execution('dev-1', 'CANCELED', 3));
    hub.ingest(notify('m-1', 'dev-1', []));
    await settle();
    expect(seen).toEqual(['IN_PROGRESS', 'CANCELED']);
  });

  it('reconciles what changed while no event came, and nothing else', async () => {
    const fake = fakeUpstream([execution('dev-1', 'QUEUED', 1), execution('dev-2', 'QUEUED', 1)]);
    const hub = new JobEventHub({ upstream: fake.upstream, logger });
    const seen: string[] = [];
    hub.watchJob('job-1', (e) => seen.push(`${e.thingName}:${e.status}`));
    await settle();
    expect(fake.calls.describe).toBe(0);
    fake.set(execution('dev-2', 'IN_PROGRESS', 2));
    await hub.reconcile();
    expect(seen).toEqual(['dev-2:IN_PROGRESS']);
    await hub.reconcile();
    expect(seen).toEqual(['dev-2:IN_PROGRESS']);
    expect(fake.calls.describe).toBe(1);
    expect(hub.stats.reconciles).toBe(2);
  });

  it('forgets an execution that was deleted and stops reading after the last watcher left', async () => {
    const fake = fakeUpstream([execution('dev-1', 'SUCCEEDED', 3)]);
    const hub = new JobEventHub({ upstream: fake.upstream, logger });
    const stop = hub.watchExecution({ jobId: 'job-1', thingName: 'dev-1' }, () => undefined);
    expect(await hub.current({ jobId: 'job-1', thingName: 'dev-1' })).toMatchObject({ status: 'SUCCEEDED' });
    fake.remove('job-1', 'dev-1');
    expect(await hub.current({ jobId: 'job-1', thingName: 'dev-1' })).toBeNull();
    stop();
    expect(hub.active).toBe(false);
    hub.ingest({
      id: 'e-1',
      hints: [
        { jobId: 'job-1', thingName: 'dev-1', executionNumber: null, versionNumber: null, status: null },
      ],
    });
    await hub.reconcile();
    expect(fake.calls.describe).toBe(2);
  });
});

describe('JobEventHub.reconcile', () => {
  it('never runs passes side by side: calls during a pass share one more pass', async () => {
    const fake = fakeUpstream([execution('dev-1', 'QUEUED', 1)]);
    const hub = new JobEventHub({ upstream: fake.upstream, logger });
    hub.watchExecution({ jobId: 'job-1', thingName: 'dev-1' }, () => undefined);
    const release = fake.hold();
    const passes = [hub.reconcile(), hub.reconcile(), hub.reconcile(), hub.reconcile()];
    release();
    await Promise.all(passes);
    expect(hub.stats.reconciles).toBe(2);
  });
});
