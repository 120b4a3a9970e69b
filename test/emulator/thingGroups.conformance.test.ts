// Static thing groups through @aws-sdk/client-iot: the group operations, membership, hierarchy, and jobs
// that target a group (snapshot expansion, continuous queueing and REMOVED on leaving).
import {
  AddThingToThingGroupCommand,
  CancelJobCommand,
  CreateJobCommand,
  CreateThingGroupCommand,
  DeleteThingCommand,
  DeleteThingGroupCommand,
  DescribeJobCommand,
  DescribeThingGroupCommand,
  ListJobExecutionsForJobCommand,
  ListJobsCommand,
  ListThingGroupsCommand,
  ListThingGroupsForThingCommand,
  ListThingsInThingGroupCommand,
  RemoveThingFromThingGroupCommand,
  paginateListThingGroupsForThing,
  type CreateThingGroupCommandInput,
  type GroupNameAndArn,
} from '@aws-sdk/client-iot';
import { UpdateJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type SeedData } from '../../src/emulator/index.js';
import {
  describeEmulatorOnly,
  itEmulatorOnly,
  onAws,
  settled,
  useConformanceTarget,
} from '../support/conformanceTarget.js';
import {
  controlClient,
  describeExecution,
  expectServiceError,
  TEST_ACCOUNT_ID,
  TEST_REGION,
} from '../support/sdk.js';

const t = useConformanceTarget();
const ARN_ACCOUNT = String.raw`arn:aws:iot:[a-z0-9-]+:\d{12}`;

// Groups this file created, deleted children first at the end (the target only cleans up things and jobs).
const createdGroups: string[] = [];
afterAll(async () => {
  if (!onAws) return;
  for (const name of createdGroups.reverse()) {
    await t.control.send(new DeleteThingGroupCommand({ thingGroupName: name })).catch((err: Error) => {
      console.warn(`cleanup: thing group ${name}: ${err.name}`);
    });
  }
});

/** Creates a uniquely named thing group (optionally under `parent`) and returns its name and ARN. */
async function group(
  parent?: string,
  extras: Omit<CreateThingGroupCommandInput, 'thingGroupName' | 'parentGroupName'> = {},
): Promise<{ name: string; arn: string; id: string }> {
  const name = t.name('grp');
  const out = await t.control.send(
    new CreateThingGroupCommand({
      thingGroupName: name,
      ...(parent ? { parentGroupName: parent } : {}),
      ...extras,
    }),
  );
  createdGroups.push(name);
  return { name, arn: out.thingGroupArn!, id: out.thingGroupId! };
}

const add = (thingGroupName: string, thingName: string) =>
  t.control.send(new AddThingToThingGroupCommand({ thingGroupName, thingName }));
const remove = (thingGroupName: string, thingName: string) =>
  t.control.send(new RemoveThingFromThingGroupCommand({ thingGroupName, thingName }));

async function groupsOf(thingName: string): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListThingGroupsForThing({ client: t.control }, { thingName }))
    names.push(...(page.thingGroups ?? []).map((g) => g.groupName!));
  return names.sort();
}

async function thingsIn(thingGroupName: string, recursive?: boolean): Promise<string[]> {
  const out = await t.control.send(
    new ListThingsInThingGroupCommand({
      thingGroupName,
      maxResults: 250,
      ...(recursive === undefined ? {} : { recursive }),
    }),
  );
  return [...(out.things ?? [])].sort();
}

/** thingName → status of the latest execution of each thing of the job. */
async function executionStatuses(jobId: string): Promise<Record<string, string>> {
  const out = await t.control.send(new ListJobExecutionsForJobCommand({ jobId, maxResults: 250 }));
  const statuses: Record<string, string> = {};
  for (const row of out.executionSummaries ?? []) {
    statuses[row.thingArn!.slice(row.thingArn!.lastIndexOf('/') + 1)] = row.jobExecutionSummary!.status!;
  }
  return statuses;
}

describe('CreateThingGroup and DescribeThingGroup', () => {
  it('creates a group whose name, ARN and id DescribeThingGroup reports again, with version 1 and its properties', async () => {
    const { name, arn, id } = await group(undefined, {
      thingGroupProperties: {
        thingGroupDescription: 'Lab devices',
        attributePayload: { attributes: { floor: '2' } },
      },
    });
    expect(arn).toMatch(new RegExp(`^${ARN_ACCOUNT}:thinggroup/${name}$`));
    if (!onAws) expect(arn).toBe(`arn:aws:iot:${TEST_REGION}:${TEST_ACCOUNT_ID}:thinggroup/${name}`);
    const described = await t.control.send(new DescribeThingGroupCommand({ thingGroupName: name }));
    expect(described).toMatchObject({
      thingGroupName: name,
      thingGroupArn: arn,
      thingGroupId: id,
      version: 1,
      thingGroupProperties: {
        thingGroupDescription: 'Lab devices',
        attributePayload: { attributes: { floor: '2' } },
      },
    });
    expect(described.thingGroupMetadata?.parentGroupName).toBeUndefined();
    expect(described.thingGroupMetadata?.rootToParentThingGroups ?? []).toEqual([]);
    expect(described.thingGroupMetadata?.creationDate).toBeInstanceOf(Date);
  });

  it('reports the parent and the chain from the root to the direct parent', async () => {
    const root = await group();
    const middle = await group(root.name);
    const leaf = await group(middle.name);
    const described = await t.control.send(new DescribeThingGroupCommand({ thingGroupName: leaf.name }));
    expect(described.thingGroupMetadata?.parentGroupName).toBe(middle.name);
    expect(described.thingGroupMetadata?.rootToParentThingGroups).toEqual([
      { groupName: root.name, groupArn: root.arn },
      { groupName: middle.name, groupArn: middle.arn },
    ]);
  });

  it('is idempotent for the same definition and a ResourceAlreadyExistsException 409 for a different one', async () => {
    const first = await group(undefined, { thingGroupProperties: { thingGroupDescription: 'one' } });
    const again = await t.control.send(
      new CreateThingGroupCommand({
        thingGroupName: first.name,
        thingGroupProperties: { thingGroupDescription: 'one' },
      }),
    );
    expect(again).toMatchObject({
      thingGroupName: first.name,
      thingGroupArn: first.arn,
      thingGroupId: first.id,
    });
    await expectServiceError(
      t.control.send(
        new CreateThingGroupCommand({
          thingGroupName: first.name,
          thingGroupProperties: { thingGroupDescription: 'two' },
        }),
      ),
      { name: 'ResourceAlreadyExistsException', status: 409 },
    );
  });

  it.each([
    ['a 129-character name', 'g'.repeat(129)],
    ['a space in the name', 'bad name'],
    ['a dot in the name', 'bad.name'],
  ])('rejects %s with InvalidRequestException 400', async (_, thingGroupName) => {
    await expectServiceError(t.control.send(new CreateThingGroupCommand({ thingGroupName })), {
      name: 'InvalidRequestException',
      status: 400,
    });
  });

  itEmulatorOnly(
    'rejects an unknown parent and an eighth hierarchy level with InvalidRequestException',
    async () => {
      await expectServiceError(
        t.control.send(
          new CreateThingGroupCommand({ thingGroupName: t.name('grp'), parentGroupName: t.name('none') }),
        ),
        { name: 'InvalidRequestException', status: 400 },
      );
      let parent = (await group()).name;
      for (let level = 2; level <= 7; level++) parent = (await group(parent)).name;
      await expectServiceError(
        t.control.send(
          new CreateThingGroupCommand({ thingGroupName: t.name('grp'), parentGroupName: parent }),
        ),
        { name: 'InvalidRequestException', status: 400 },
      );
    },
  );

  it('DescribeThingGroup of an unknown group is a ResourceNotFoundException 404', async () => {
    await expectServiceError(
      t.control.send(new DescribeThingGroupCommand({ thingGroupName: t.name('none') })),
      {
        name: 'ResourceNotFoundException',
        status: 404,
      },
    );
  });
});

describe('ListThingGroups', () => {
  it('lists every group, direct children of a parent, all descendants with recursive, and filters by prefix', async () => {
    const root = await group();
    const child = await group(root.name);
    const grandchild = await group(child.name);
    const names = (groups: GroupNameAndArn[] | undefined) => (groups ?? []).map((g) => g.groupName).sort();

    const all = await t.control.send(
      new ListThingGroupsCommand({ namePrefixFilter: root.name, maxResults: 250 }),
    );
    expect(names(all.thingGroups)).toEqual([root.name]);
    const direct = await t.control.send(new ListThingGroupsCommand({ parentGroup: root.name }));
    expect(names(direct.thingGroups)).toEqual([child.name]);
    const deep = await t.control.send(
      new ListThingGroupsCommand({ parentGroup: root.name, recursive: true }),
    );
    expect(names(deep.thingGroups)).toEqual([child.name, grandchild.name].sort());
    expect(deep.thingGroups).toContainEqual({ groupName: grandchild.name, groupArn: grandchild.arn });
  });

  it('pages with maxResults and an opaque token, each group once', async () => {
    const parent = await group();
    const children = [await group(parent.name), await group(parent.name), await group(parent.name)];
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const out = await t.control.send(
        new ListThingGroupsCommand({ parentGroup: parent.name, maxResults: 1, nextToken }),
      );
      seen.push(...(out.thingGroups ?? []).map((g) => g.groupName!));
      nextToken = out.nextToken;
      pages++;
    } while (nextToken);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(children.map((c) => c.name).sort());
  });

  it('rejects maxResults 0 and 251, and answers ResourceNotFoundException for an unknown parent', async () => {
    for (const maxResults of [0, 251]) {
      await expectServiceError(t.control.send(new ListThingGroupsCommand({ maxResults })), {
        name: 'InvalidRequestException',
        status: 400,
      });
    }
    await expectServiceError(t.control.send(new ListThingGroupsCommand({ parentGroup: t.name('none') })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
  });
});

describe('membership', () => {
  it('adds and removes a thing by name or by ARN; both are idempotent', async () => {
    const [thing] = await t.things(1);
    const g = await group();
    await t.control.send(
      new AddThingToThingGroupCommand({ thingGroupArn: g.arn, thingArn: t.arnOf(thing!) }),
    );
    await add(g.name, thing!);
    expect(await groupsOf(thing!)).toEqual([g.name]);
    expect(await thingsIn(g.name)).toEqual([thing]);
    await t.control.send(
      new RemoveThingFromThingGroupCommand({ thingGroupArn: g.arn, thingArn: t.arnOf(thing!) }),
    );
    await remove(g.name, thing!);
    expect(await groupsOf(thing!)).toEqual([]);
    expect(await thingsIn(g.name)).toEqual([]);
  });

  it('ListThingGroupsForThing lists direct groups only and pages 1-250', async () => {
    const [thing] = await t.things(1);
    const parent = await group();
    const child = await group(parent.name);
    const others = [await group(), await group()];
    for (const g of [child, ...others]) await add(g.name, thing!);
    const first = await t.control.send(
      new ListThingGroupsForThingCommand({ thingName: thing!, maxResults: 2 }),
    );
    expect(first.thingGroups).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(await groupsOf(thing!)).toEqual([child.name, ...others.map((g) => g.name)].sort());
    await expectServiceError(
      t.control.send(new ListThingGroupsForThingCommand({ thingName: thing!, maxResults: 251 })),
      { name: 'InvalidRequestException', status: 400 },
    );
  });

  it('ListThingsInThingGroup includes child groups only with recursive=true', async () => {
    const [a, b] = await t.things(2);
    const parent = await group();
    const child = await group(parent.name);
    await add(parent.name, a!);
    await add(child.name, b!);
    expect(await thingsIn(parent.name)).toEqual([a]);
    expect(await thingsIn(parent.name, true)).toEqual([a, b].sort());
  });

  it('answers ResourceNotFoundException for an unknown group or thing, InvalidRequestException without either', async () => {
    const [thing] = await t.things(1);
    const g = await group();
    await expectServiceError(add(t.name('none'), thing!), { name: 'ResourceNotFoundException', status: 404 });
    await expectServiceError(add(g.name, t.name('none')), { name: 'ResourceNotFoundException', status: 404 });
    await expectServiceError(t.control.send(new AddThingToThingGroupCommand({ thingName: thing! })), {
      name: 'InvalidRequestException',
      status: 400,
    });
    await expectServiceError(
      t.control.send(new ListThingGroupsForThingCommand({ thingName: t.name('none') })),
      { name: 'ResourceNotFoundException', status: 404 },
    );
    await expectServiceError(
      t.control.send(new ListThingsInThingGroupCommand({ thingGroupName: t.name('none') })),
      { name: 'ResourceNotFoundException', status: 404 },
    );
  });

  itEmulatorOnly('refuses a second group of the same hierarchy and an eleventh group', async () => {
    const [thing] = await t.things(1);
    const parent = await group();
    const child = await group(parent.name);
    await add(parent.name, thing!);
    await expectServiceError(add(child.name, thing!), { name: 'InvalidRequestException', status: 400 });
    for (let i = 0; i < 9; i++) await add((await group()).name, thing!);
    expect(await groupsOf(thing!)).toHaveLength(10);
    await expectServiceError(add((await group()).name, thing!), {
      name: 'InvalidRequestException',
      status: 400,
    });
  });

  it("DeleteThing ends the thing's memberships", async () => {
    const [thing] = await t.things(1);
    const g = await group();
    await add(g.name, thing!);
    await t.control.send(new DeleteThingCommand({ thingName: thing! }));
    await settled(async () => expect(await thingsIn(g.name)).toEqual([]));
  });
});

describe('DeleteThingGroup', () => {
  it('deletes a group (its members stay things), and succeeds for a missing group', async () => {
    const [thing] = await t.things(1);
    const g = await group();
    await add(g.name, thing!);
    await t.control.send(new DeleteThingGroupCommand({ thingGroupName: g.name }));
    await expectServiceError(t.control.send(new DescribeThingGroupCommand({ thingGroupName: g.name })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
    expect(await groupsOf(thing!)).toEqual([]);
    await t.control.send(new DeleteThingGroupCommand({ thingGroupName: t.name('none') }));
  });

  it('an expectedVersion mismatch is a VersionConflictException 409 and the group stays', async () => {
    const g = await group();
    await expectServiceError(
      t.control.send(new DeleteThingGroupCommand({ thingGroupName: g.name, expectedVersion: 7 })),
      {
        name: 'VersionConflictException',
        status: 409,
      },
    );
    await t.control.send(new DescribeThingGroupCommand({ thingGroupName: g.name }));
    await t.control.send(new DeleteThingGroupCommand({ thingGroupName: g.name, expectedVersion: 1 }));
  });

  itEmulatorOnly('refuses to delete a group that still has child groups', async () => {
    const parent = await group();
    await group(parent.name);
    await expectServiceError(t.control.send(new DeleteThingGroupCommand({ thingGroupName: parent.name })), {
      name: 'InvalidRequestException',
      status: 400,
    });
  });
});

describe('jobs targeting thing groups', () => {
  it('a SNAPSHOT job queues the things of the group and its child groups at creation, and no later joiner', async () => {
    const [a, b, late] = await t.things(3);
    const parent = await group();
    const child = await group(parent.name);
    await add(parent.name, a!);
    await add(child.name, b!);
    const jobId = t.jobName();
    await t.control.send(
      new CreateJobCommand({
        jobId,
        targets: [parent.arn],
        document: '{"operation":"reboot"}',
        targetSelection: 'SNAPSHOT',
      }),
    );
    await settled(async () =>
      expect(await executionStatuses(jobId)).toEqual({ [a!]: 'QUEUED', [b!]: 'QUEUED' }),
    );
    const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
    expect(job?.targets).toEqual([parent.arn]);
    await add(parent.name, late!);
    expect(Object.keys(await executionStatuses(jobId)).sort()).toEqual([a, b].sort());
  });

  it('a CONTINUOUS job queues a thing that joins the group later, and REMOVES a QUEUED one that leaves', async () => {
    const [first, joiner, starter] = await t.things(3);
    const g = await group();
    await add(g.name, first!);
    await add(g.name, starter!);
    const jobId = await t.job([g.arn], { targetSelection: 'CONTINUOUS' });
    await add(g.name, joiner!);
    await settled(async () =>
      expect(await executionStatuses(jobId)).toEqual({
        [first!]: 'QUEUED',
        [joiner!]: 'QUEUED',
        [starter!]: 'QUEUED',
      }),
    );
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: starter!, status: 'IN_PROGRESS' }));
    await remove(g.name, first!);
    await remove(g.name, starter!);
    await settled(async () =>
      expect(await executionStatuses(jobId)).toEqual({
        [first!]: 'REMOVED',
        [joiner!]: 'QUEUED',
        [starter!]: 'IN_PROGRESS',
      }),
    );
    const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
    expect(job?.jobProcessDetails).toMatchObject({ numberOfRemovedThings: 1, numberOfQueuedThings: 1 });
  });

  itEmulatorOnly(
    'a thing that is still a target through another target keeps its execution when it leaves',
    async () => {
      const [direct, viaOther] = await t.things(2);
      const g1 = await group();
      const g2 = await group();
      await add(g1.name, direct!);
      await add(g1.name, viaOther!);
      await add(g2.name, viaOther!);
      const jobId = await t.job([g1.arn, g2.arn, t.arnOf(direct!)], { targetSelection: 'CONTINUOUS' });
      await remove(g1.name, direct!);
      await remove(g1.name, viaOther!);
      expect(await executionStatuses(jobId)).toEqual({ [direct!]: 'QUEUED', [viaOther!]: 'QUEUED' });
    },
  );

  itEmulatorOnly(
    'a REMOVED thing that joins again gets execution number 2; a canceled job queues nobody',
    async () => {
      const [thing, late] = await t.things(2);
      const g = await group();
      await add(g.name, thing!);
      const jobId = await t.job([g.arn], { targetSelection: 'CONTINUOUS' });
      await remove(g.name, thing!);
      await add(g.name, thing!);
      expect(await describeExecution(t.control, jobId, thing!)).toMatchObject({
        status: 'QUEUED',
        executionNumber: 2,
      });
      expect((await describeExecution(t.control, jobId, thing!, 1)).status).toBe('REMOVED');
      await t.control.send(new CancelJobCommand({ jobId }));
      await add(g.name, late!);
      expect(Object.keys(await executionStatuses(jobId))).toEqual([thing]);
    },
  );

  it('deleting the target group of a CONTINUOUS job REMOVES its QUEUED executions', async () => {
    const [thing] = await t.things(1);
    const g = await group();
    await add(g.name, thing!);
    const jobId = await t.job([g.arn], { targetSelection: 'CONTINUOUS' });
    await t.control.send(new DeleteThingGroupCommand({ thingGroupName: g.name }));
    await settled(async () => expect(await executionStatuses(jobId)).toEqual({ [thing!]: 'REMOVED' }));
  });

  it('ListJobs filters by thingGroupName and thingGroupId, and the summary carries the group id', async () => {
    const [thing] = await t.things(1);
    const g = await group();
    const other = await group();
    await add(g.name, thing!);
    const jobId = await t.job([g.arn]);
    const byName = await t.control.send(new ListJobsCommand({ thingGroupName: g.name, maxResults: 250 }));
    expect(byName.jobs?.map((j) => j.jobId)).toEqual([jobId]);
    expect(byName.jobs?.[0]?.thingGroupId).toBe(g.id);
    const byId = await t.control.send(new ListJobsCommand({ thingGroupId: g.id, maxResults: 250 }));
    expect(byId.jobs?.map((j) => j.jobId)).toEqual([jobId]);
    const none = await t.control.send(new ListJobsCommand({ thingGroupName: other.name }));
    expect(none.jobs ?? []).toEqual([]);
  });

  it('CreateJob with an unknown thing-group ARN is a ResourceNotFoundException 404', async () => {
    const missing = `arn:aws:iot:${TEST_REGION}:${TEST_ACCOUNT_ID}:thinggroup/${t.name('none')}`;
    await expectServiceError(t.job([missing]), { name: 'ResourceNotFoundException', status: 404 });
  });

  itEmulatorOnly('a SNAPSHOT job over an empty group is COMPLETED at once', async () => {
    const g = await group();
    const jobId = await t.job([g.arn]);
    const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
    expect(job?.status).toBe('COMPLETED');
  });
});

describeEmulatorOnly('seeds and reset', () => {
  const seed: SeedData = {
    things: [{ thingName: 'dev-1' }, { thingName: 'dev-2' }],
    thingGroups: [
      { thingGroupName: 'site', things: ['dev-1'] },
      { thingGroupName: 'site-lab', parentGroupName: 'site', things: ['dev-2'] },
    ],
  };

  it('seed thingGroups create the hierarchy and memberships', async () => {
    const emu = await startEmulator({ seed });
    const control = controlClient(emu.url);
    try {
      const out = await control.send(
        new ListThingsInThingGroupCommand({ thingGroupName: 'site', recursive: true }),
      );
      expect(out.things?.sort()).toEqual(['dev-1', 'dev-2']);
      const lab = await control.send(new DescribeThingGroupCommand({ thingGroupName: 'site-lab' }));
      expect(lab.thingGroupMetadata?.parentGroupName).toBe('site');
      emu.reset();
      await expectServiceError(control.send(new DescribeThingGroupCommand({ thingGroupName: 'site' })), {
        name: 'ResourceNotFoundException',
        status: 404,
      });
    } finally {
      control.destroy();
      await emu.close();
    }
  });

  it('a seed group naming an unknown thing makes startEmulator reject', async () => {
    const bad: SeedData = { thingGroups: [{ thingGroupName: 'g', things: ['ghost'] }] };
    await expect(startEmulator({ seed: bad })).rejects.toThrow(/thingGroups\[0\].*ghost/);
  });

  it('the demo seed has building-a, building-b and beta-testers', async () => {
    const emu = await startEmulator({ seed: 'demo' });
    const control = controlClient(emu.url);
    try {
      const out = await control.send(new ListThingGroupsCommand({}));
      expect(out.thingGroups?.map((g) => g.groupName)).toEqual(['beta-testers', 'building-a', 'building-b']);
      const groups = await control.send(new ListThingGroupsForThingCommand({ thingName: 'thermostat-001' }));
      expect(groups.thingGroups?.map((g) => g.groupName)).toEqual(['beta-testers', 'building-a']);
    } finally {
      control.destroy();
      await emu.close();
    }
  });
});
