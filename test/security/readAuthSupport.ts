// A JWT-protected gateway over the demo fleet with a read policy by name pattern, by thing group and for
// jobs, plus an oracle of what each caller may see, for the read-authorization end-to-end tests.
import demo from '../../src/emulator/seeds/demo.json' with { type: 'json' };
import type { PolicyDocument } from '../../src/security/policy.js';
import { startTestGateway, type GqlResponse, type TestGateway } from '../support/gateway.js';
import {
  AUDIENCE,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from './jwksServer.js';

/** The caller groups the policy knows; a caller is any subset of them. */
export const CALLER_GROUPS = ['thermostat-team', 'building-a-staff', 'job-viewers', 'contractors'] as const;
export type CallerGroup = (typeof CALLER_GROUPS)[number];

export const READ_POLICY: PolicyDocument = {
  version: 1,
  rules: [
    {
      id: 'thermostat-team',
      principals: { groups: ['thermostat-team'] },
      things: { names: ['thermostat-*'] },
      actions: ['read'],
    },
    {
      id: 'building-a',
      principals: { groups: ['building-a-staff'] },
      things: { thingGroups: ['building-a'] },
      actions: ['read', 'cancel', 'update'],
    },
    { id: 'job-catalogue', principals: { groups: ['job-viewers'] }, actions: ['readJobs'] },
    {
      id: 'no-beta-for-contractors',
      effect: 'deny',
      principals: { groups: ['contractors'] },
      things: { thingGroups: ['beta-testers'] },
      actions: ['read', 'cancel', 'update'],
    },
  ],
};

export const THINGS = demo.things.map((t) => t.thingName);
export const JOBS = demo.jobs.map((j) => j.jobId);
const membersOf = (group: string) => demo.thingGroups.find((g) => g.thingGroupName === group)?.things ?? [];

/** Every execution of the demo fleet: one per job target (its status does not matter here). */
export const EXECUTIONS = demo.jobs.flatMap((j) =>
  j.targets.map((thingName) => ({ jobId: j.jobId, thingName })),
);

/** What READ_POLICY lets a caller with these groups read, written independently of the policy engine. */
export function oracleMayRead(groups: readonly string[], thingName: string): boolean {
  const byName = groups.includes('thermostat-team') && thingName.startsWith('thermostat-');
  const byGroup = groups.includes('building-a-staff') && membersOf('building-a').includes(thingName);
  const denied = groups.includes('contractors') && membersOf('beta-testers').includes(thingName);
  return (byName || byGroup) && !denied;
}

export const oracleMayReadJobs = (groups: readonly string[]) => groups.includes('job-viewers');

export interface ReadAuthGateway {
  gw: TestGateway;
  /** POSTs a document as a caller with these groups (sub derived from them). */
  as(groups: readonly string[], query: string, variables?: Record<string, unknown>): Promise<GqlResponse>;
  /** Upstream calls since the last reset, except thing-group lookups (authorization's own). */
  dataCalls(): number;
  close(): Promise<void>;
}

export async function startReadAuthGateway(
  options: { logLevel?: 'info' | 'warn' | 'debug' } = {},
): Promise<ReadAuthGateway> {
  const key: TestKey = await makeKey('read-auth');
  const jwks: JwksServer = await startJwksServer([key]);
  const gw = await startTestGateway({
    seed: 'demo',
    logLevel: options.logLevel ?? 'warn',
    env: {
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: jwks.url,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_POLICY: JSON.stringify(READ_POLICY),
    },
  }).catch(async (err: unknown) => {
    await jwks.close();
    throw err;
  });
  const tokens = new Map<string, string>();
  return {
    gw,
    async as(groups, query, variables) {
      const id = [...groups].sort().join('+') || 'nobody';
      let token = tokens.get(id);
      if (!token) {
        token = await signToken(key, { sub: `user-${id}`, 'cognito:groups': [...groups] });
        tokens.set(id, token);
      }
      return gw.gql(query, variables, { authorization: `Bearer ${token}` });
    },
    dataCalls: () => gw.emulator.calls().filter((c) => c.operation !== 'ListThingGroupsForThing').length,
    async close() {
      await gw.close();
      await jwks.close();
    },
  };
}
