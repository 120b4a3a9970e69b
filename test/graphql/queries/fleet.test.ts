import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeJobExecutionId, encodeJobId, encodeThingId } from '../../../src/domain/ids.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { type Json, callsByOperation, data, fleetSeed, nodesOf, pad } from './fixtures.js';

// One frontend document over a fleet: 20 things × 5 jobs = 100 executions. DataLoaders must turn
// it into 20 list calls and 5 DescribeJob calls, with no per-execution lookups.

let gw: TestGateway;
const names = Array.from({ length: 20 }, (_, i) => `dev-${pad(i)}`);

beforeAll(async () => {
  gw = await startTestGateway({ seed: fleetSeed(20, 5) });
});
afterAll(() => gw.close());
beforeEach(() => gw.emulator.resetCalls());

const FLEET = `
  query Fleet($names: [String!]!) {
    things(names: $names) {
      id
      thingName
      jobExecutions(first: 10) {
        edges {
          cursor
          node {
            id jobId thingName status executionNumber queuedAt lastUpdatedAt
            job { id jobId status description executionCounts { queued inProgress succeeded failed rejected } }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

describe('a fleet in one document', () => {
  it('lists 100 executions of 20 things with their jobs in 20 list calls and 5 DescribeJob calls', async () => {
    const { things } = await data(gw, FLEET, { names });
    expect(things.map((t: { thingName: string }) => t.thingName)).toEqual(names);
    const nodes: Json[] = things.flatMap((t: Json) => nodesOf(t.jobExecutions));
    expect(nodes).toHaveLength(100);
    expect(new Set(nodes.map((n) => n.id as string)).size).toBe(100);
    for (const thing of things) {
      expect(thing.id).toBe(encodeThingId(thing.thingName));
      expect(thing.jobExecutions.pageInfo.hasNextPage).toBe(false);
      for (const { node } of thing.jobExecutions.edges) {
        expect(node.thingName).toBe(thing.thingName);
        expect(node.id).toBe(encodeJobExecutionId({ ...node, executionNumber: node.executionNumber }));
        expect(node.job).toMatchObject({
          id: encodeJobId(node.jobId),
          jobId: node.jobId,
          status: 'IN_PROGRESS',
          description: `Rollout number ${node.jobId.slice('rollout-'.length)}`,
          executionCounts: { queued: 4, inProgress: 4, succeeded: 4, failed: 4, rejected: 4 },
        });
      }
    }
    expect(callsByOperation(gw)).toEqual({ ListJobExecutionsForThing: 20, DescribeJob: 5 });
  });

  it('asks nothing of AWS for things whose fields need no upstream data', async () => {
    const { things } = await data(
      gw,
      'query($names: [String!]!) { things(names: $names) { id thingName } }',
      {
        names,
      },
    );
    expect(things).toHaveLength(20);
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('reads the job id of a listed execution without describing the job', async () => {
    const { thing } = await data(
      gw,
      '{ thing(name: "dev-03") { jobExecutions { edges { node { job { id jobId } thing { id thingName } } } } } }',
    );
    expect(thing.jobExecutions.edges).toHaveLength(5);
    expect(callsByOperation(gw)).toEqual({ ListJobExecutionsForThing: 1 });
  });

  it('describes each job once when its fields come through fragments, and answers them all from it', async () => {
    const { thing } = await data(
      gw,
      `fragment JobFacts on Job { description executionCounts { queued } }
       { thing(name: "dev-04") { jobExecutions { edges { node { jobId job {
         jobId ...JobFacts ... on Job { status } } } } } } }`,
    );
    const nodes = nodesOf(thing.jobExecutions);
    expect(nodes).toHaveLength(5);
    for (const node of nodes) {
      expect(node.job).toEqual({
        jobId: node.jobId,
        description: `Rollout number ${(node.jobId as string).slice('rollout-'.length)}`,
        executionCounts: { queued: 4 },
        status: 'IN_PROGRESS',
      });
    }
    expect(callsByOperation(gw)).toEqual({ ListJobExecutionsForThing: 1, DescribeJob: 5 });
  });

  it('describes a listed execution only for fields the list lacks, once per execution', async () => {
    const { things } = await data(
      gw,
      `query($names: [String!]!) { things(names: $names) { jobExecutions { edges { node {
         id status statusDetails { key value } versionNumber forceCanceled approximateSecondsBeforeTimedOut
       } } } } }`,
      { names: names.slice(0, 2) },
    );
    const nodes: Json[] = things.flatMap((t: Json) => nodesOf(t.jobExecutions));
    expect(nodes).toHaveLength(10);
    for (const node of nodes) {
      expect(node.versionNumber).toBeGreaterThanOrEqual(1);
      expect(node.forceCanceled).toBe(false);
      if (node.status === 'IN_PROGRESS')
        expect(node.statusDetails).toEqual([{ key: 'progress', value: '50' }]);
    }
    expect(callsByOperation(gw)).toEqual({ ListJobExecutionsForThing: 2, DescribeJobExecution: 10 });
  });

  it('serves the same execution alike from a thing, from a job and alone: same id, same fields', async () => {
    const fields =
      'id jobId thingName status statusDetails { key value } executionNumber versionNumber forceCanceled queuedAt startedAt lastUpdatedAt';
    const result = await data(
      gw,
      `{
        thing(name: "dev-01") { jobExecutions(first: 5) { edges { node { ${fields} } } } }
        job(id: "rollout-0") { ... on Job { executions(first: 20) { edges { node { ${fields} } } } } }
        alone: jobExecution(jobId: "rollout-0", thingName: "dev-01") { __typename ... on JobExecution { ${fields} } }
      }`,
    );
    const fromThing = nodesOf(result.thing.jobExecutions).find((n) => n.jobId === 'rollout-0');
    const fromJob = nodesOf(result.job.executions).find((n) => n.thingName === 'dev-01');
    const { __typename, ...alone } = result.alone;
    expect(__typename).toBe('JobExecution');
    expect(fromThing).toEqual(alone);
    expect(fromJob).toEqual(alone);
    expect(alone).toMatchObject({ status: 'IN_PROGRESS', statusDetails: [{ key: 'progress', value: '50' }] });
  });
});
