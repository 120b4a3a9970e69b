// Pagination of the four list operations: page sizes, opaque tokens, completeness and rejected tokens.
import {
  ListJobExecutionsForJobCommand,
  ListJobExecutionsForThingCommand,
  ListJobsCommand,
  ListThingsCommand,
  paginateListJobExecutionsForJob,
  paginateListJobExecutionsForThing,
  paginateListJobs,
  paginateListThings,
} from '@aws-sdk/client-iot';
import { UpdateJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane';
import { beforeAll, describe, expect, it } from 'vitest';
import { useConformanceTarget } from '../support/conformanceTarget.js';
import { expectServiceError } from '../support/sdk.js';

const t = useConformanceTarget();
const FLEET_SIZE = 260;
const BAD_TOKEN = 'not-a-token';

let fleet: string[];
let bigJob: string;
beforeAll(async () => {
  fleet = await t.things(FLEET_SIZE, 'fleet');
  bigJob = await t.job(fleet);
});

describe('ListJobExecutionsForJob over more than 250 executions', () => {
  it('pages 250 then the rest, listing every execution exactly once', async () => {
    const first = await t.control.send(
      new ListJobExecutionsForJobCommand({ jobId: bigJob, maxResults: 250 }),
    );
    expect(first.executionSummaries).toHaveLength(250);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await t.control.send(
      new ListJobExecutionsForJobCommand({ jobId: bigJob, maxResults: 250, nextToken: first.nextToken }),
    );
    expect(second.executionSummaries).toHaveLength(FLEET_SIZE - 250);
    expect(second.nextToken).toBeUndefined();
    const arns = [...first.executionSummaries!, ...second.executionSummaries!].map((s) => s.thingArn);
    expect(new Set(arns).size).toBe(FLEET_SIZE);
    expect([...arns].sort()).toEqual(fleet.map((n) => t.arnOf(n)).sort());
  });

  it('the SDK paginator walks 100-item pages to the end', async () => {
    const sizes: number[] = [];
    const arns = new Set<string>();
    for await (const page of paginateListJobExecutionsForJob(
      { client: t.control, pageSize: 100 },
      { jobId: bigJob },
    )) {
      sizes.push(page.executionSummaries?.length ?? 0);
      for (const s of page.executionSummaries ?? []) arns.add(s.thingArn!);
    }
    expect(sizes).toEqual([100, 100, 60]);
    expect(arns.size).toBe(FLEET_SIZE);
  });

  it('without maxResults returns at most 250 per page and still covers everything', async () => {
    let total = 0;
    for await (const page of paginateListJobExecutionsForJob({ client: t.control }, { jobId: bigJob })) {
      expect(page.executionSummaries!.length).toBeLessThanOrEqual(250);
      total += page.executionSummaries!.length;
    }
    expect(total).toBe(FLEET_SIZE);
  });

  it('pages a status filter independently of the other executions', async () => {
    const started = fleet.slice(0, 7);
    for (const thingName of started) {
      await t.data.send(new UpdateJobExecutionCommand({ jobId: bigJob, thingName, status: 'IN_PROGRESS' }));
    }
    const arns: string[] = [];
    for await (const page of paginateListJobExecutionsForJob(
      { client: t.control, pageSize: 3 },
      { jobId: bigJob, status: 'IN_PROGRESS' },
    )) {
      arns.push(...page.executionSummaries!.map((s) => s.thingArn!));
    }
    expect(arns.sort()).toEqual(started.map((n) => t.arnOf(n)).sort());
  });

  it('rejects a nextToken it did not issue', async () => {
    await expectServiceError(
      t.control.send(new ListJobExecutionsForJobCommand({ jobId: bigJob, nextToken: BAD_TOKEN })),
      { name: 'InvalidRequestException', status: 400 },
    );
  });
});

describe('ListJobExecutionsForThing', () => {
  it('pages one thing’s executions across jobs, each exactly once', async () => {
    const [thing] = await t.things(1);
    const jobs: string[] = [];
    for (let i = 0; i < 5; i++) jobs.push(await t.job([thing!]));
    const sizes: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateListJobExecutionsForThing(
      { client: t.control, pageSize: 2 },
      { thingName: thing! },
    )) {
      sizes.push(page.executionSummaries!.length);
      seen.push(...page.executionSummaries!.map((s) => s.jobId!));
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.sort()).toEqual(jobs.sort());
  });

  it('rejects a nextToken it did not issue', async () => {
    await expectServiceError(
      t.control.send(new ListJobExecutionsForThingCommand({ thingName: fleet[0]!, nextToken: BAD_TOKEN })),
      { name: 'InvalidRequestException', status: 400 },
    );
  });
});

describe('ListJobs and ListThings', () => {
  it('ListJobs pages with a small maxResults and lists each job once', async () => {
    const [thing] = await t.things(1);
    const mine = [await t.job([thing!]), await t.job([thing!]), await t.job([thing!])];
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListJobs({ client: t.control, pageSize: 2 }, {})) {
      pages++;
      expect(page.jobs!.length).toBeLessThanOrEqual(2);
      seen.push(...page.jobs!.map((j) => j.jobId!));
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([...mine, bigJob]));
  });

  it('ListThings pages with maxResults 100 and lists each thing once', async () => {
    const seen: string[] = [];
    for await (const page of paginateListThings({ client: t.control, pageSize: 100 }, {})) {
      expect(page.things!.length).toBeLessThanOrEqual(100);
      seen.push(...page.things!.map((th) => th.thingName!));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(fleet));
  });

  it('both reject a nextToken they did not issue', async () => {
    await expectServiceError(t.control.send(new ListJobsCommand({ nextToken: BAD_TOKEN })), {
      name: 'InvalidRequestException',
      status: 400,
    });
    await expectServiceError(t.control.send(new ListThingsCommand({ nextToken: BAD_TOKEN })), {
      name: 'InvalidRequestException',
      status: 400,
    });
  });
});
