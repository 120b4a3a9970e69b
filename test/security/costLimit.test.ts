import { parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema.js';
import { DEFAULT_PAGE_SIZE, costDependsOnVariables, gatewayEstimator } from '../../src/security/costLimit.js';
import { DEFAULT_OPERATION_LIMITS } from '../../src/security/operationLimits.js';

// The cost model on the real schema: list fields multiply their children by `first` (literal or
// variable, 50 when absent) or by the length of a list argument.

const schema = createSchema();
const costOf = (query: string, variables: Record<string, unknown> = {}) =>
  getComplexity({ schema, query: parse(query), variables, estimators: [gatewayEstimator] });

const EXECUTION_ROWS = (first: string) => `jobExecutions(first: ${first}) {
  edges { cursor node { id status lastUpdatedAt statusDetails { key value } job { id status description } } }
  pageInfo { hasNextPage endCursor } }`;

describe('cost model', () => {
  it('counts every field once and multiplies a connection by first', () => {
    // thing 1 + thingName 1 + jobExecutions (1 + 3 × (edges 1 + node (1 + id 1)))
    expect(
      costOf('{ thing(name: "t") { thingName jobExecutions(first: 3) { edges { node { id } } } } }'),
    ).toBe(1 + 1 + (1 + 3 * (1 + (1 + 1))));
  });

  it('reads first from a variable, and uses 50 when it is absent or null', () => {
    const doc = 'query ($n: Int) { thing(name: "t") { jobExecutions(first: $n) { edges { node { id } } } } }';
    expect(costOf(doc, { n: 7 })).toBe(costOf(doc.replace('$n)', '7)').replace('($n: Int) ', '')));
    const withDefault = costOf('{ thing(name: "t") { jobExecutions { edges { node { id } } } } }');
    expect(withDefault).toBe(1 + 1 + DEFAULT_PAGE_SIZE * 3);
    expect(costOf(doc, {})).toBe(withDefault);
    expect(costOf(doc, { n: null })).toBe(withDefault);
  });

  it('multiplies things(names) by the number of names', () => {
    const names = (n: number) => ({ names: Array.from({ length: n }, (_, i) => `t${i}`) });
    const doc = 'query ($names: [String!]!) { things(names: $names) { thingName } }';
    expect(costOf(doc, names(1))).toBe(2);
    expect(costOf(doc, names(20))).toBe(1 + 20);
  });

  it('never lets a zero or negative first make a sibling cheaper', () => {
    const expensive = costOf('{ jobs(first: 250) { __typename } }');
    expect(
      costOf('{ a: jobs(first: -1000000) { __typename } b: jobs(first: 250) { __typename } }'),
    ).toBeGreaterThan(expensive);
    expect(costOf('{ jobs(first: 0) { __typename } }')).toBe(2);
  });

  it('fits realistic screens under the default limit and rejects nested fan-out, whichever way first is given', () => {
    const max = DEFAULT_OPERATION_LIMITS.maxCost;
    const fleet = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(costOf(`{ thing(name: "t") { ${EXECUTION_ROWS('50')} } }`)).toBeLessThan(max / 10);
    expect(
      costOf(`query ($names: [String!]!) { things(names: $names) { ${EXECUTION_ROWS('50')} } }`, {
        names: fleet,
      }),
    ).toBeLessThan(max / 2);
    expect(costOf(`{ thing(name: "t") { ${EXECUTION_ROWS('250')} } }`)).toBeLessThan(max / 5);
    const nested = `query ($n: Int) { jobs(first: $n) { ... on JobConnection { edges { node {
      executions(first: $n) { edges { node { job { executions(first: $n) { edges { node { id } } } } } } } } } } } }`;
    expect(costOf(nested, { n: 250 })).toBeGreaterThan(max * 100);
    expect(costOf(nested.replaceAll('$n)', '250)').replace('($n: Int) ', ''))).toBe(
      costOf(nested, { n: 250 }),
    );
    // Two levels of 250 are already 250 list calls: refused as well.
    expect(
      costOf(
        '{ jobs(first: 250) { ... on JobConnection { edges { node { executions(first: 250) { edges { node { id } } } } } } } }',
      ),
    ).toBeGreaterThan(max);
  });
});

describe('costDependsOnVariables (decides whether a cost may be reused for the same document)', () => {
  it('is false when variables only carry ids and inputs', () => {
    expect(
      costDependsOnVariables(
        parse(
          'query ($name: String!) { thing(name: $name) { jobExecutions(first: 5) { edges { cursor } } } }',
        ),
      ),
    ).toBe(false);
    expect(
      costDependsOnVariables(
        parse(
          'mutation ($jobId: ID!) { cancelJobExecution(input: { jobId: $jobId, thingName: "t" }) { __typename } }',
        ),
      ),
    ).toBe(false);
  });

  it('is true when a variable feeds first, a list argument or a directive', () => {
    expect(costDependsOnVariables(parse('query ($n: Int) { jobs(first: $n) { __typename } }'))).toBe(true);
    expect(
      costDependsOnVariables(parse('query ($names: [String!]!) { things(names: $names) { thingName } }')),
    ).toBe(true);
    expect(costDependsOnVariables(parse('query ($s: Boolean!) { jobs { __typename @skip(if: $s) } }'))).toBe(
      true,
    );
  });
});
