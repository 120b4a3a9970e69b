// Seeds and helpers shared by the read-side end-to-end tests.
import { expect } from 'vitest';
import type { SeedData } from '../../../src/emulator/index.js';
import type { GqlBody, TestGateway } from '../../support/gateway.js';

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `things` devices and `jobs` jobs each targeting all of them: things × jobs executions in mixed states. */
export function fleetSeed(things: number, jobs: number): SeedData {
  const names = Array.from({ length: things }, (_, i) => `dev-${pad(i)}`);
  const statuses = ['QUEUED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'REJECTED'] as const;
  return {
    things: names.map((thingName) => ({ thingName, attributes: { fleet: 'f1' } })),
    jobs: Array.from({ length: jobs }, (_, j) => ({
      jobId: `rollout-${j}`,
      description: `Rollout number ${j}`,
      document: { operation: 'update', step: j },
      targets: names,
      executions: names
        .map((thingName, t) => ({ thingName, status: statuses[(t + j) % statuses.length]! }))
        .filter((e) => e.status !== 'QUEUED')
        .map((e) => (e.status === 'IN_PROGRESS' ? { ...e, statusDetails: { progress: '50' } } : e)),
    })),
  };
}

/** One job on `count` things (thing-000 …): `count` executions of one job. */
export function bigJobSeed(count: number): SeedData {
  const names = Array.from({ length: count }, (_, i) => `thing-${pad(i, 3)}`);
  return {
    things: names.map((thingName) => ({ thingName })),
    jobs: [{ jobId: 'big-rollout', document: { operation: 'update' }, targets: names }],
  };
}

/** Every upstream call the emulator served since the last reset, by operation. */
export function callsByOperation(gw: TestGateway): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of gw.emulator.calls()) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  return counts;
}

/** POSTs a document that must succeed without any error entry; returns `data`. */
export async function data(
  gw: TestGateway,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlBody> {
  const res = await gw.gql(query, variables);
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

/** A JSON object of a response body; its fields are read as each test needs them. */
export type Json = Record<string, GqlBody>;

/** The nodes of a connection found in a response body. */
export function nodesOf(connection: GqlBody): Json[] {
  return (connection.edges as { node: Json }[]).map((edge) => edge.node);
}
