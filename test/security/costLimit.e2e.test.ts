import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { fleetSeed, pad } from '../graphql/queries/fixtures.js';

// The variable-aware cost limit with its default, end to end: realistic screens run, nested fan-out
// is refused before any resolver, whether `first` is a literal or a variable.

const FLEET = Array.from({ length: 20 }, (_, i) => `dev-${pad(i)}`);

const ONE_THING = `query ($name: String!) { thing(name: $name) { thingName
  jobExecutions(first: 50) { edges { cursor node { id status statusDetails { key value } job { status description } } }
  pageInfo { hasNextPage endCursor } } } }`;
const FLEET_SCREEN = `query ($names: [String!]!) { things(names: $names) { thingName
  jobExecutions(first: 50) { edges { node { id status lastUpdatedAt job { id status description } } } } } }`;
const WIDE_PAGE = `query ($first: Int) { thing(name: "dev-00") {
  jobExecutions(first: $first) { edges { cursor node { id status job { id jobId status description createdAt
    executionCounts { queued inProgress succeeded failed } } } } pageInfo { hasNextPage endCursor } } } }`;
// Two connections of 250 deep: 250 list calls and up to 62 500 rows, within the depth limit (8).
const NESTED = (first: string) => `{ jobs(first: ${first}) { ... on JobConnection { edges { node {
  executions(first: ${first}) { edges { node { id } } } } } } } }`;
const NESTED_VARIABLE = `query ($n: Int) ${NESTED('$n')}`;
// Three levels, the brief's example: deeper than the depth limit, and far too costly without it.
const DEEPER = `query ($n: Int) { jobs(first: $n) { ... on JobConnection { edges { node {
  executions(first: $n) { edges { node { job { executions(first: $n) { edges { node { id } } } } } } } } } } } }`;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ seed: fleetSeed(20, 50) });
});
afterAll(() => gw?.close());
beforeEach(() => gw.emulator.resetCalls());

describe('cost limit (default)', () => {
  it("runs a thing's 50 executions with their job and statusDetails", async () => {
    const res = await gw.gql(ONE_THING, { name: 'dev-00' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.thing.jobExecutions.edges).toHaveLength(50);
  });

  it('runs 20 things × 50 executions with their jobs', async () => {
    const res = await gw.gql(FLEET_SCREEN, { names: FLEET });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const counts = res.body.data.things.map(
      (t: { jobExecutions: { edges: unknown[] } }) => t.jobExecutions.edges.length,
    );
    expect(counts).toEqual(FLEET.map(() => 50));
  });

  it('runs first: 250 with nested job fields on one thing', async () => {
    const res = await gw.gql(WIDE_PAGE, { first: 250 });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.thing.jobExecutions.edges).toHaveLength(50);
  });

  it.each([
    ['literal', NESTED('250'), undefined],
    ['variable', NESTED_VARIABLE, { n: 250 }],
  ])(
    'refuses nested connections with first as a %s: 400 BAD_USER_INPUT, no upstream call',
    async (_how, query, variables) => {
      const res = await gw.gql(query, variables);
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(
        /^Query cost limit exceeded: the cost is \d+, the limit 50000\.$/,
      );
      expect(gw.upstreamCalls()).toBe(0);
    },
  );

  it('prices the same document by its variables', async () => {
    const small = await gw.gql(NESTED_VARIABLE, { n: 2 });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data.jobs.edges).toHaveLength(2);
    expect(small.body.data.jobs.edges[0].node.executions.edges).toHaveLength(2);
    gw.emulator.resetCalls();
    expect((await gw.gql(NESTED_VARIABLE, { n: 250 })).status).toBe(400);
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('refuses deeper nesting by depth, and by cost where the depth limit is raised', async () => {
    const byDepth = await gw.gql(DEEPER, { n: 250 });
    expect(byDepth.status).toBe(400);
    expect(byDepth.body.errors[0].message).toMatch(/depth/);
    const deep = await startTestGateway({ env: { GRAPHQL_MAX_DEPTH: '12' } });
    try {
      for (const variables of [{ n: 250 }, {}]) {
        const res = await deep.gql(DEEPER, variables);
        expect(res.status).toBe(400);
        expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(res.body.errors[0].message).toMatch(/^Query cost limit exceeded/);
      }
      expect(deep.upstreamCalls()).toBe(0);
    } finally {
      await deep.close();
    }
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('refuses variables that do not fit their types as bad input, before any upstream call', async () => {
    const res = await gw.gql(NESTED_VARIABLE, { n: 'many' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('still refuses bad variables once the cost of their document is reused', async () => {
    const ok = await gw.gql(ONE_THING, { name: 'dev-00' });
    expect(ok.body.errors).toBeUndefined();
    gw.emulator.resetCalls();
    const res = await gw.gql(ONE_THING, { name: 5 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(gw.upstreamCalls()).toBe(0);
  });
});
