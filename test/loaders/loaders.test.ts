import { describe, expect, it } from 'vitest';
import type { DescribeJobExecutionQuery } from '../../src/domain/commands.js';
import { UpstreamError } from '../../src/domain/failures.js';
import type { JobExecutionModel } from '../../src/domain/models.js';
import type { JobModel } from '../../src/domain/reads.js';
import { createLoaders, DEFAULT_READ_CONCURRENCY } from '../../src/loaders/index.js';
import type { CallSignal } from '../../src/upstream/signal.js';
import type { Upstream } from '../../src/upstream/index.js';
import { jobModel, jobNotFoundError } from '../support/models.js';

// The loaders against a hand-driven fake upstream: every call is recorded and answered by the test,
// so dedup, per-key resolution and the concurrency bound are asserted by counting, never by timing.

interface PendingCall {
  operation: string;
  key: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function fakeUpstream() {
  const calls: PendingCall[] = [];
  const record =
    (operation: string) =>
    (key: unknown): Promise<never> =>
      new Promise((resolve, reject) => {
        calls.push({ operation, key, resolve, reject });
      });
  const upstream = {
    describeJobExecution: record('DescribeJobExecution'),
    describeJob: record('DescribeJob'),
    getJobDocument: record('GetJobDocument'),
    describeThing: record('DescribeThing'),
  } as unknown as Upstream;
  const open = () => calls.filter((c) => !('settled' in c));
  const settle = (call: PendingCall, value: unknown) => {
    Object.assign(call, { settled: true });
    call.resolve(value);
  };
  return { upstream, calls, open, settle };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function execution(
  jobId: string,
  thingName: string,
  executionNumber: number,
  status = 'QUEUED',
): JobExecutionModel {
  return {
    jobId,
    thingName,
    status: status as JobExecutionModel['status'],
    statusDetails: [],
    forceCanceled: null,
    queuedAt: null,
    startedAt: null,
    lastUpdatedAt: null,
    executionNumber,
    versionNumber: 1,
    approximateSecondsBeforeTimedOut: null,
  };
}

const job = (jobId: string): JobModel => jobModel(jobId);

const notFound = jobNotFoundError;

describe('createLoaders', () => {
  it('asks AWS once per key however often and concurrently the key is loaded', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    const loads = [...'abcab', 'a'].map((id) => loaders.job.load(`job-${id}`));
    await flush();
    expect(fake.calls.map((c) => c.key)).toEqual(['job-a', 'job-b', 'job-c']);
    for (const call of fake.calls) fake.settle(call, job(call.key as string));
    expect((await Promise.all(loads)).map((j) => j.jobId)).toEqual([
      'job-a',
      'job-b',
      'job-c',
      'job-a',
      'job-b',
      'job-a',
    ]);
    await loaders.job.load('job-c');
    expect(fake.calls).toHaveLength(3);
  });

  it('resolves each key on its own: a slow key does not hold up the others', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    const slow = loaders.job.load('slow');
    const fast = loaders.job.load('fast');
    await flush();
    const fastCall = fake.calls.find((c) => c.key === 'fast')!;
    fake.settle(fastCall, job('fast'));
    expect((await fast).jobId).toBe('fast');
    const slowCall = fake.calls.find((c) => c.key === 'slow')!;
    expect('settled' in slowCall).toBe(false);
    fake.settle(slowCall, job('slow'));
    expect((await slow).jobId).toBe('slow');
  });

  it('bounds the calls in flight across all loaders and lists of the request', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream, { concurrency: 3 });
    const loads = [
      loaders.job.load('j1'),
      loaders.jobDocument.load('j1'),
      loaders.thing.load('t1'),
      loaders.thing.load('t2'),
      loaders.jobExecution.load({ jobId: 'j1', thingName: 't1', executionNumber: 1 }),
    ];
    const list = loaders.limit(
      () =>
        new Promise<string>((resolve) => {
          fake.calls.push({ operation: 'ListJobs', key: null, resolve, reject() {} });
        }),
    );
    await flush();
    expect(fake.calls).toHaveLength(3);
    let peak = 0;
    while (fake.open().length > 0) {
      peak = Math.max(peak, fake.open().length);
      const next = fake.open()[0]!;
      const answers: Record<string, unknown> = {
        DescribeJobExecution: execution('j1', 't1', 1),
        ListJobs: 'page',
      };
      fake.settle(next, answers[next.operation] ?? job('j1'));
      await flush();
    }
    await Promise.all(loads);
    expect(await list).toBe('page');
    expect(fake.calls).toHaveLength(6);
    expect(peak).toBe(3);
  });

  it('defaults to a budget of 32 calls in flight', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    const loads = Array.from({ length: 40 }, (_, i) => loaders.job.load(`job-${i}`));
    await flush();
    expect(fake.calls).toHaveLength(DEFAULT_READ_CONCURRENCY);
    expect(DEFAULT_READ_CONCURRENCY).toBe(32);
    while (fake.open().length > 0) {
      for (const call of fake.open()) fake.settle(call, job(call.key as string));
      await flush();
    }
    await Promise.all(loads);
  });

  it('caches a per-key failure for the request without failing the other keys', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    const missing = loaders.job.load('missing');
    const present = loaders.job.load('present');
    await flush();
    fake.calls.find((c) => c.key === 'missing')!.reject(notFound());
    fake.settle(
      fake.calls.find((c) => c.key === 'present')!,
      job('present'),
    );
    await expect(missing).rejects.toBeInstanceOf(UpstreamError);
    expect((await present).jobId).toBe('present');
    await expect(loaders.job.load('missing')).rejects.toBeInstanceOf(UpstreamError);
    expect(fake.calls).toHaveLength(2);
  });

  it('keys executions by job, thing and number, and files "the latest" under its number too', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    const latest = loaders.jobExecution.load({ jobId: 'j', thingName: 'site:dev-1' });
    await flush();
    fake.settle(fake.calls[0]!, execution('j', 'site:dev-1', 4));
    expect((await latest).executionNumber).toBe(4);
    const byNumber = await loaders.jobExecution.load({
      jobId: 'j',
      thingName: 'site:dev-1',
      executionNumber: 4,
    });
    expect(byNumber).toBe(await latest);
    const other = loaders.jobExecution.load({ jobId: 'j', thingName: 'site:dev-1', executionNumber: 3 });
    await flush();
    expect(fake.calls.map((c) => c.key)).toEqual([
      { jobId: 'j', thingName: 'site:dev-1' },
      { jobId: 'j', thingName: 'site:dev-1', executionNumber: 3 },
    ]);
    fake.settle(fake.calls[1]!, execution('j', 'site:dev-1', 3));
    await other;
  });

  it('serves a primed execution without calling AWS', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    const primed = execution('j', 't', 2, 'CANCELED');
    loaders.primeExecution(primed);
    expect(await loaders.jobExecution.load({ jobId: 'j', thingName: 't', executionNumber: 2 })).toBe(primed);
    expect(fake.calls).toHaveLength(0);
  });

  it('forgetExecution drops every cached read of that execution and its job, and nothing else', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    loaders.primeExecution(execution('j', 't', 1));
    loaders.primeExecution(execution('j', 't:x', 1));
    loaders.primeExecution(execution('j2', 't', 1));
    loaders.job.prime('j', job('j'));
    loaders.job.prime('j2', job('j2'));
    loaders.forgetExecution({ jobId: 'j', thingName: 't' });
    const keys: DescribeJobExecutionQuery[] = [
      { jobId: 'j', thingName: 't', executionNumber: 1 },
      { jobId: 'j', thingName: 't:x', executionNumber: 1 },
      { jobId: 'j2', thingName: 't', executionNumber: 1 },
    ];
    const loads = keys.map((key) => loaders.jobExecution.load(key));
    const jobs = [loaders.job.load('j'), loaders.job.load('j2')];
    await flush();
    expect(fake.calls.map((c) => [c.operation, c.key])).toEqual([
      ['DescribeJobExecution', keys[0]],
      ['DescribeJob', 'j'],
    ]);
    fake.settle(fake.calls[0]!, execution('j', 't', 1, 'CANCELED'));
    fake.settle(fake.calls[1]!, job('j'));
    expect((await loads[0]!).status).toBe('CANCELED');
    await Promise.all([...loads, ...jobs]);
  });

  it('describedJob hands every caller the same promise per job, shares the cache, and drops it on forget', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    const first = loaders.describedJob('j');
    expect(loaders.describedJob('j')).toBe(first);
    const other = loaders.describedJob('j2');
    expect(other).not.toBe(first);
    await flush();
    expect(fake.calls.map((c) => c.key)).toEqual(['j', 'j2']);
    fake.settle(fake.calls[0]!, job('j'));
    fake.settle(fake.calls[1]!, job('j2'));
    expect(await first).toEqual(job('j'));
    expect(loaders.describedJob('j')).toBe(first);
    // The DataLoader behind it answers from the same cache, and fills it for describedJob too.
    expect(await loaders.job.load('j')).toEqual(job('j'));
    const loaded = loaders.job.load('j3');
    expect(loaders.describedJob('j3')).toBe(loaded);
    // Why describedJob exists: DataLoader answers each cache hit with a new promise of its own.
    const hit = loaders.job.load('j3');
    expect(hit).not.toBe(loaded);
    loaders.forgetExecution({ jobId: 'j', thingName: 't' });
    const again = loaders.describedJob('j');
    expect(again).not.toBe(first);
    await flush();
    expect(fake.calls.map((c) => c.key)).toEqual(['j', 'j2', 'j3', 'j']);
    for (const call of fake.open()) fake.settle(call, job(call.key as string));
    expect(await again).toEqual(job('j'));
    await Promise.all([loaded, hit]);
  });

  it("remembers ListJobs rows until a mutation touches one of the job's executions", () => {
    const loaders = createLoaders(fakeUpstream().upstream);
    const { description: _d, executionCounts: _c, ...summary } = job('j');
    loaders.primeJobSummary(summary);
    loaders.primeJobSummary({ ...summary, jobId: 'k' });
    expect(loaders.jobSummary('j')).toEqual(summary);
    loaders.forgetExecution({ jobId: 'j', thingName: 't' });
    expect(loaders.jobSummary('j')).toBeUndefined();
    expect(loaders.jobSummary('k')).toMatchObject({ jobId: 'k' });
  });

  it('does not re-cache an answer that was on its way when the execution was forgotten', async () => {
    const fake = fakeUpstream();
    const loaders = createLoaders(fake.upstream);
    const before = loaders.jobExecution.load({ jobId: 'j', thingName: 't' });
    await flush();
    loaders.forgetExecution({ jobId: 'j', thingName: 't' });
    fake.settle(fake.calls[0]!, execution('j', 't', 1, 'QUEUED'));
    await before;
    const after = loaders.jobExecution.load({ jobId: 'j', thingName: 't', executionNumber: 1 });
    await flush();
    expect(fake.calls).toHaveLength(2);
    fake.settle(fake.calls[1]!, execution('j', 't', 1, 'CANCELED'));
    expect((await after).status).toBe('CANCELED');
  });

  it('passes the request signal to every upstream call', async () => {
    const seen: (CallSignal | undefined)[] = [];
    const upstream = {
      describeJob: (_id: string, signal?: CallSignal) => {
        seen.push(signal);
        return Promise.resolve(job('j'));
      },
    } as unknown as Upstream;
    const controller = new AbortController();
    const loaders = createLoaders(upstream, { signal: controller.signal });
    await loaders.job.load('j');
    await loaders.limit(async (signal) => seen.push(signal));
    expect(seen).toEqual([controller.signal, controller.signal]);
  });
});
