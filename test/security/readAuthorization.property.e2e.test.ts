import { fc, test as propTest } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import demo from '../../src/emulator/seeds/demo.json' with { type: 'json' };
import { encodeJobExecutionId, encodeThingId } from '../../src/domain/ids.js';
import type { GqlBody } from '../support/gateway.js';
import {
  CALLER_GROUPS,
  EXECUTIONS,
  JOBS,
  oracleMayRead,
  oracleMayReadJobs,
  startReadAuthGateway,
  THINGS,
  type ReadAuthGateway,
} from './readAuthSupport.js';

// Callers × things × read shapes, end to end against the emulator, compared with an oracle written
// from the policy and the demo seed alone.

const ANY_THING = [...THINGS, 'ghost-1'];
const ANY_JOB = [...JOBS, 'no-such-job'];
const SHAPES = [
  'lookup',
  'thing',
  'things',
  'nodeThing',
  'nodeExecution',
  'pending',
  'job',
  'viaExecution',
  'jobs',
] as const;
type Shape = (typeof SHAPES)[number];

const EXECUTIONS_OF = `edges { node { jobId thingName } }`;
const DOCUMENTS: Record<Shape, string> = {
  lookup: `query ($jobId: String!, $thingName: String!) { r: jobExecution(jobId: $jobId, thingName: $thingName) {
    __typename ... on ResourceNotFoundError { upstreamRequestId } } }`,
  thing: `query ($thingName: String!) { r: thing(name: $thingName) { jobExecutions { ${EXECUTIONS_OF} } } }`,
  things: `query ($names: [String!]!) { r: things(names: $names) { thingName jobExecutions { ${EXECUTIONS_OF} } } }`,
  nodeThing: `query ($id: ID!) { r: node(id: $id) { __typename } }`,
  nodeExecution: `query ($id: ID!) { r: node(id: $id) { __typename } }`,
  pending: `query ($thingName: String!) { r: thing(name: $thingName) {
    pendingJobExecutions { inProgress { jobId thingName } queued { jobId thingName } } } }`,
  job: `query ($jobId: String!) { r: job(id: $jobId) {
    __typename ... on Job { executions(first: 2) { ${EXECUTIONS_OF} pageInfo { hasNextPage endCursor } } }
    ... on ResourceNotFoundError { upstreamRequestId } } }`,
  viaExecution: `query ($jobId: String!, $thingName: String!) { r: jobExecution(jobId: $jobId, thingName: $thingName) {
    __typename ... on JobExecution { job { executions { ${EXECUTIONS_OF} } } } } }`,
  jobs: `{ r: jobs { __typename ... on JobConnection { edges { node { jobId } } } } }`,
};

const key = (e: { jobId: string; thingName: string }) => `${e.jobId}@${e.thingName}`;
const pairs = (connection: GqlBody): string[] =>
  (connection.edges as { node: { jobId: string; thingName: string } }[]).map((edge) => key(edge.node)).sort();
const exists = (jobId: string, thingName: string) =>
  EXECUTIONS.some((e) => e.jobId === jobId && e.thingName === thingName);
const executionsWhere = (filter: (e: { jobId: string; thingName: string }) => boolean) =>
  EXECUTIONS.filter(filter).map(key).sort();

/** QUEUED or IN_PROGRESS per the seed: targets without a listed execution stay QUEUED. */
function pendingOf(thingName: string): string[] {
  return demo.jobs
    .filter((j) => j.targets.includes(thingName))
    .filter((j) => {
      const status = j.executions?.find((e) => e.thingName === thingName)?.status ?? 'QUEUED';
      return status === 'QUEUED' || status === 'IN_PROGRESS';
    })
    .map((j) => key({ jobId: j.jobId, thingName }))
    .sort();
}

/** Every edge of Job.executions, following endCursor (pages of 2, some short or empty). */
async function allPages(
  ra: ReadAuthGateway,
  groups: string[],
  jobId: string,
  first: GqlBody,
): Promise<string[]> {
  const seen = pairs(first.executions);
  let pageInfo = first.executions.pageInfo;
  while (pageInfo.hasNextPage) {
    const res = await ra.as(
      groups,
      `query ($jobId: String!, $after: String) { job(id: $jobId) { ... on Job {
        executions(first: 2, after: $after) { ${EXECUTIONS_OF} pageInfo { hasNextPage endCursor } } } } }`,
      { jobId, after: pageInfo.endCursor },
    );
    seen.push(...pairs(res.body.data.job.executions));
    pageInfo = res.body.data.job.executions.pageInfo;
  }
  return seen.sort();
}

let ra: ReadAuthGateway;
beforeAll(async () => {
  ra = await startReadAuthGateway();
});
afterAll(() => ra?.close());

describe('read authorization (property, end to end)', () => {
  propTest.prop(
    [
      fc.subarray([...CALLER_GROUPS]),
      fc.constantFrom(...SHAPES),
      fc.constantFrom(...ANY_THING),
      fc.constantFrom(...ANY_JOB),
      fc.shuffledSubarray(ANY_THING, { minLength: 1 }),
    ],
    { numRuns: 120 },
  )(
    'every shape shows exactly what the oracle allows; denied lookups call nothing but group lookups',
    async (groups, shape, thingName, jobId, names) => {
      const readable = oracleMayRead(groups, thingName);
      const mayReadJobs = oracleMayReadJobs(groups);
      const id =
        shape === 'nodeThing'
          ? encodeThingId(thingName)
          : encodeJobExecutionId({ jobId, thingName, executionNumber: 1 });
      ra.gw.emulator.resetCalls();
      const res = await ra.as(groups, DOCUMENTS[shape], { jobId, thingName, names, id });
      expect(res.status).toBe(200);
      const r = res.body.data.r;
      const deniedThing =
        !readable &&
        ['lookup', 'thing', 'nodeThing', 'nodeExecution', 'pending', 'viaExecution'].includes(shape);
      if (deniedThing) expect(ra.dataCalls()).toBe(0);

      switch (shape) {
        case 'lookup':
          expect(r.__typename).toBe(
            readable && exists(jobId, thingName) ? 'JobExecution' : 'ResourceNotFoundError',
          );
          if (!readable) expect(r.upstreamRequestId).toBeNull();
          break;
        case 'thing':
          if (!readable) {
            expect(r).toBeNull();
            expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
          } else {
            expect(pairs(r.jobExecutions)).toEqual(executionsWhere((e) => e.thingName === thingName));
          }
          break;
        case 'things': {
          const shown = names.filter((n) => oracleMayRead(groups, n));
          expect(r.map((t: { thingName: string }) => t.thingName)).toEqual(shown);
          for (const t of r)
            expect(pairs(t.jobExecutions)).toEqual(executionsWhere((e) => e.thingName === t.thingName));
          break;
        }
        case 'nodeThing':
          expect(r).toEqual(readable ? { __typename: 'Thing' } : null);
          break;
        case 'nodeExecution':
          expect(r).toEqual(readable && exists(jobId, thingName) ? { __typename: 'JobExecution' } : null);
          break;
        case 'pending':
          if (readable) {
            const { inProgress, queued } = r.pendingJobExecutions;
            expect([...inProgress, ...queued].map(key).sort()).toEqual(pendingOf(thingName));
          } else expect(r).toBeNull();
          break;
        case 'job':
          if (!mayReadJobs) {
            expect(r).toEqual({ __typename: 'ResourceNotFoundError', upstreamRequestId: null });
            expect(ra.gw.upstreamCalls()).toBe(0);
          } else if (!JOBS.includes(jobId)) {
            expect(r.__typename).toBe('ResourceNotFoundError');
          } else {
            expect(r.executions.edges.length).toBeLessThanOrEqual(2);
            expect(await allPages(ra, groups, jobId, r)).toEqual(
              executionsWhere((e) => e.jobId === jobId && oracleMayRead(groups, e.thingName)),
            );
          }
          break;
        case 'viaExecution':
          if (readable && exists(jobId, thingName)) {
            expect(pairs(r.job.executions)).toEqual(
              executionsWhere((e) => e.jobId === jobId && oracleMayRead(groups, e.thingName)),
            );
          } else expect(r.__typename).toBe('ResourceNotFoundError');
          break;
        case 'jobs':
          expect(r.edges).toHaveLength(mayReadJobs ? JOBS.length : 0);
          if (!mayReadJobs) expect(ra.gw.upstreamCalls()).toBe(0);
          break;
      }
    },
  );
});
