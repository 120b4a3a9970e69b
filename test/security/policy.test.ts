import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../src/security/caller.js';
import {
  allowAllPolicy,
  compilePolicy,
  createAuthorizer,
  globToRegExp,
  loadPolicy,
  parsePolicy,
  PolicyError,
  type PolicyAction,
  type PolicyDocument,
  type RequestedAction,
} from '../../src/security/policy.js';

const caller = (sub: string, groups: string[] = [], scopes: string[] = []): Caller => ({
  sub,
  groups,
  scopes,
});

const example: PolicyDocument = {
  version: 1,
  rules: [
    {
      id: 'viewers-read-all',
      principals: { groups: ['viewer', 'ops'] },
      things: { names: ['*'] },
      actions: ['read'],
    },
    {
      id: 'ops-fleet-a',
      principals: { groups: ['ops'], scopes: ['jobs:write'] },
      things: { thingGroups: ['fleet-a'] },
      actions: ['cancel', 'delete', 'update'],
    },
    {
      id: 'ops-force',
      principals: { groups: ['ops'], scopes: ['jobs:force'] },
      things: { names: ['dev-*'] },
      actions: ['force'],
    },
    {
      id: 'no-prod',
      effect: 'deny',
      principals: { subjects: ['*'] },
      things: { names: ['prod-*'] },
      actions: ['cancel', 'delete', 'update', 'force'],
    },
  ],
};

function groupsLookup(membership: Record<string, string[]>) {
  const calls: string[] = [];
  const lookup = async (thing: string) => {
    calls.push(thing);
    return membership[thing] ?? [];
  };
  return { lookup, calls };
}

describe('policy document', () => {
  it('parses the documented example', () => {
    expect(parsePolicy(JSON.stringify(example)).rules.map((r) => r.rule.id)).toEqual([
      'viewers-read-all',
      'ops-fleet-a',
      'ops-force',
      'no-prod',
    ]);
  });

  it.each([
    ['invalid JSON', '{"version":1,', /not valid JSON/],
    ['an unknown key', JSON.stringify({ version: 1, rules: [], extra: true }), /invalid/],
    ['a wrong version', JSON.stringify({ version: 2, rules: [] }), /version/],
    [
      'empty principals',
      JSON.stringify({
        version: 1,
        rules: [{ id: 'a', principals: {}, things: { names: ['*'] }, actions: ['read'] }],
      }),
      /principals needs/,
    ],
    [
      'no things',
      JSON.stringify({
        version: 1,
        rules: [{ id: 'a', principals: { groups: ['g'] }, things: {}, actions: ['read'] }],
      }),
      /things needs/,
    ],
    [
      'an unknown action',
      JSON.stringify({
        version: 1,
        rules: [{ id: 'a', principals: { groups: ['g'] }, things: { names: ['*'] }, actions: ['reboot'] }],
      }),
      /actions/,
    ],
    [
      'a bad name pattern',
      JSON.stringify({
        version: 1,
        rules: [{ id: 'a', principals: { groups: ['g'] }, things: { names: ['dev/1'] }, actions: ['read'] }],
      }),
      /thing name pattern/,
    ],
    [
      'readJobs next to thing actions',
      JSON.stringify({
        version: 1,
        rules: [{ id: 'a', principals: { groups: ['g'] }, actions: ['read', 'readJobs'] }],
      }),
      /readJobs is account-wide/,
    ],
    [
      'readJobs limited to things',
      JSON.stringify({
        version: 1,
        rules: [{ id: 'a', principals: { groups: ['g'] }, things: { names: ['*'] }, actions: ['readJobs'] }],
      }),
      /readJobs is account-wide/,
    ],
    [
      'thing actions without things',
      JSON.stringify({ version: 1, rules: [{ id: 'a', principals: { groups: ['g'] }, actions: ['read'] }] }),
      /things is required/,
    ],
    [
      'duplicate ids',
      JSON.stringify({
        version: 1,
        rules: [0, 1].map(() => ({
          id: 'a',
          principals: { groups: ['g'] },
          things: { names: ['*'] },
          actions: ['read'],
        })),
      }),
      /duplicate rule id "a"/,
    ],
  ])('rejects %s with a clear error', (_label, text, message) => {
    expect(() => parsePolicy(text, 'AUTH_POLICY')).toThrow(PolicyError);
    expect(() => parsePolicy(text, 'AUTH_POLICY')).toThrow(message);
  });

  it('loads from a file or inline, never both, and names a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-'));
    try {
      const file = join(dir, 'policy.json');
      await writeFile(file, JSON.stringify(example));
      expect((await loadPolicy({ file })).rules).toHaveLength(4);
      expect((await loadPolicy({ inline: JSON.stringify(example) })).rules).toHaveLength(4);
      await expect(loadPolicy({ file, inline: '{}' })).rejects.toThrow(/only one/);
      await expect(loadPolicy({})).rejects.toThrow(/no policy given/);
      await expect(loadPolicy({ file: join(dir, 'missing.json') })).rejects.toThrow(
        /cannot read AUTH_POLICY_FILE .*ENOENT/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('treats only * as a wildcard in globs', () => {
    expect(globToRegExp('dev-*').test('dev-12')).toBe(true);
    expect(globToRegExp('dev-*').test('xdev-12')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('*').test('')).toBe(true);
  });
});

describe('authorize', () => {
  const policy = compilePolicy(example);
  const ops = caller('alice', ['ops'], ['jobs:write', 'jobs:force']);

  it('allows by thing group and names the rule', async () => {
    const { lookup } = groupsLookup({ 'dev-1': ['fleet-a'] });
    const authz = createAuthorizer(policy, { thingGroupsOf: lookup });
    expect(await authz.authorize(ops, { action: 'cancel', thingName: 'dev-1' })).toEqual({
      allowed: true,
      rule: 'ops-fleet-a',
    });
    expect(await authz.authorize(ops, { action: 'cancel', thingName: 'dev-1', force: true })).toEqual({
      allowed: true,
      rule: 'ops-fleet-a+ops-force',
    });
  });

  it('needs every principal kind a rule lists', async () => {
    const { lookup } = groupsLookup({ 'dev-1': ['fleet-a'] });
    const authz = createAuthorizer(policy, { thingGroupsOf: lookup });
    const opsWithoutScope = caller('bob', ['ops'], []);
    expect((await authz.authorize(opsWithoutScope, { action: 'cancel', thingName: 'dev-1' })).allowed).toBe(
      false,
    );
    expect((await authz.authorize(opsWithoutScope, { action: 'read', thingName: 'dev-1' })).allowed).toBe(
      true,
    );
  });

  it('never allows force without the force permission', async () => {
    const { lookup } = groupsLookup({ 'dev-1': ['fleet-a'], 'gw-1': ['fleet-a'] });
    const authz = createAuthorizer(policy, { thingGroupsOf: lookup });
    const noForceScope = caller('carol', ['ops'], ['jobs:write']);
    expect((await authz.authorize(noForceScope, { action: 'delete', thingName: 'dev-1' })).allowed).toBe(
      true,
    );
    expect(
      (await authz.authorize(noForceScope, { action: 'delete', thingName: 'dev-1', force: true })).allowed,
    ).toBe(false);
    // The force rule covers dev-* only.
    expect((await authz.authorize(ops, { action: 'delete', thingName: 'gw-1', force: true })).allowed).toBe(
      false,
    );
  });

  it('lets deny rules win and denies by default', async () => {
    const { lookup } = groupsLookup({ 'prod-1': ['fleet-a'] });
    const authz = createAuthorizer(policy, { thingGroupsOf: lookup });
    expect(await authz.authorize(ops, { action: 'cancel', thingName: 'prod-1' })).toEqual({
      allowed: false,
      reason: 'cancel denied by rule no-prod',
    });
    expect((await authz.authorize(caller('mallory'), { action: 'read', thingName: 'dev-1' })).allowed).toBe(
      false,
    );
  });

  it('gives an unknown thing the same denial as an existing thing outside the caller’s groups', async () => {
    const { lookup } = groupsLookup({ 'dev-9': ['fleet-b'] });
    const authz = createAuthorizer(policy, { thingGroupsOf: lookup });
    const existing = await authz.authorize(ops, { action: 'update', thingName: 'dev-9' });
    const missing = await authz.authorize(ops, { action: 'update', thingName: 'dev-404' });
    expect(existing).toEqual(missing);
    expect(existing.allowed).toBe(false);
  });

  it('looks groups up only when they can matter, once per thing per request', async () => {
    const { lookup, calls } = groupsLookup({ 'dev-1': ['fleet-a'] });
    const authz = createAuthorizer(policy, { thingGroupsOf: lookup });
    await authz.authorize(ops, { action: 'read', thingName: 'dev-1' }); // allowed by name: no lookup
    await authz.authorize(caller('nobody'), { action: 'cancel', thingName: 'dev-1' }); // no candidate rule: no lookup
    expect(calls).toEqual([]);
    await authz.authorize(ops, { action: 'cancel', thingName: 'dev-1' });
    await authz.authorize(ops, { action: 'delete', thingName: 'dev-1', force: true });
    expect(calls).toEqual(['dev-1']);
  });

  it('propagates a failed group lookup instead of guessing, and retries it next time', async () => {
    let fail = true;
    const authz = createAuthorizer(policy, {
      thingGroupsOf: async () => {
        if (fail) throw new Error('upstream down');
        return ['fleet-a'];
      },
    });
    await expect(authz.authorize(ops, { action: 'cancel', thingName: 'dev-1' })).rejects.toThrow(
      'upstream down',
    );
    fail = false;
    expect((await authz.authorize(ops, { action: 'cancel', thingName: 'dev-1' })).allowed).toBe(true);
  });

  it('filters a list of things, keeping order', async () => {
    const viewerOnly = compilePolicy({
      version: 1,
      rules: [{ id: 'r', principals: { groups: ['v'] }, things: { names: ['a-*', 'c'] }, actions: ['read'] }],
    });
    const authz = createAuthorizer(viewerOnly, { thingGroupsOf: async () => [] });
    expect(await authz.filterThings(caller('x', ['v']), ['c', 'b', 'a-2', 'a-1'])).toEqual([
      'c',
      'a-2',
      'a-1',
    ]);
    expect(await authz.filterThings(caller('x', ['v']), ['c'], 'cancel')).toEqual([]);
  });

  it('grants readJobs only by a rule of its own, deny rules winning, whatever the things', () => {
    const jobsPolicy = compilePolicy({
      version: 1,
      rules: [
        { id: 'catalogue', principals: { groups: ['ops', 'viewer'] }, actions: ['readJobs'] },
        {
          id: 'no-jobs-for-contractors',
          effect: 'deny',
          principals: { groups: ['contractor'] },
          actions: ['readJobs'],
        },
        { id: 'read-all', principals: { groups: ['reader'] }, things: { names: ['*'] }, actions: ['read'] },
      ],
    });
    const authz = createAuthorizer(jobsPolicy, { thingGroupsOf: async () => [] });
    expect(authz.mayReadJobs(caller('a', ['viewer']))).toBe(true);
    expect(authz.mayReadJobs(caller('b', ['viewer', 'contractor']))).toBe(false);
    // Reading every thing does not include looking jobs up by themselves.
    expect(authz.mayReadJobs(caller('c', ['reader']))).toBe(false);
    expect(jobsPolicy.grantsAccountAction(caller('b', ['ops', 'contractor']), 'readJobs')).toEqual({
      allowed: false,
      reason: 'readJobs denied by rule no-jobs-for-contractors',
    });
  });

  it('allows everything with the allow-all policy', async () => {
    const authz = createAuthorizer(allowAllPolicy(), { thingGroupsOf: async () => [] });
    expect(
      (await authz.authorize(caller('anonymous'), { action: 'delete', thingName: 'x', force: true })).allowed,
    ).toBe(true);
    expect(authz.mayReadJobs(caller('anonymous'))).toBe(true);
  });
});

// ---- Property test against an independent oracle ----

const GROUPS = ['ops', 'viewer', 'fleet-admins'];
const SCOPES = ['jobs:read', 'jobs:write', 'jobs:force'];
const SUBJECTS = ['alice', 'bob', 'svc-1'];
const THINGS = ['dev-1', 'dev-22', 'sensor-1', 'gw:a', 'prod-7'];
const THING_GROUPS = ['tg-a', 'tg-b', 'tg-c'];
const NAME_PATTERNS = [...THINGS, '*', 'dev-*', '*-1', 's*r-*', 'gw:*', 'prod-*'];
const SUBJECT_PATTERNS = [...SUBJECTS, '*', 'svc-*'];
const ACTIONS: readonly PolicyAction[] = ['read', 'cancel', 'delete', 'update', 'force'];
const REQUESTED: readonly RequestedAction[] = ['read', 'cancel', 'delete', 'update'];

const subsetOf = <T>(items: readonly T[]) => fc.subarray([...items], { minLength: 1 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const ruleArb = fc
  .record({
    effect: fc.constantFrom('allow' as const, 'allow' as const, 'deny' as const),
    groups: maybe(subsetOf(GROUPS)),
    scopes: maybe(subsetOf(SCOPES)),
    subjects: maybe(subsetOf(SUBJECT_PATTERNS)),
    names: maybe(subsetOf(NAME_PATTERNS)),
    thingGroups: maybe(subsetOf(THING_GROUPS)),
    actions: subsetOf(ACTIONS),
  })
  .filter(
    (r) => (r.groups ?? r.scopes ?? r.subjects) !== undefined && (r.names ?? r.thingGroups) !== undefined,
  );

const policyArb = fc.array(ruleArb, { maxLength: 6 }).map((rules) => ({
  version: 1 as const,
  rules: rules.map((r, i) => ({
    id: `r${i}`,
    effect: r.effect,
    principals: {
      ...(r.groups && { groups: r.groups }),
      ...(r.scopes && { scopes: r.scopes }),
      ...(r.subjects && { subjects: r.subjects }),
    },
    things: { ...(r.names && { names: r.names }), ...(r.thingGroups && { thingGroups: r.thingGroups }) },
    actions: r.actions,
  })),
}));

const callerArb = fc.record({
  sub: fc.constantFrom(...SUBJECTS),
  groups: fc.subarray(GROUPS),
  scopes: fc.subarray(SCOPES),
});

const membershipArb: fc.Arbitrary<Record<string, string[]>> = fc.record(
  Object.fromEntries(THINGS.map((t) => [t, fc.subarray(THING_GROUPS)])),
);

/** Wildcard matching written independently of the implementation's regular expressions. */
function wildcard(pattern: string, text: string): boolean {
  if (pattern === '') return text === '';
  if (pattern[0] === '*')
    return wildcard(pattern.slice(1), text) || (text !== '' && wildcard(pattern, text.slice(1)));
  return text !== '' && pattern[0] === text[0] && wildcard(pattern.slice(1), text.slice(1));
}

type GeneratedPolicy = typeof policyArb extends fc.Arbitrary<infer T> ? T : never;

function oracleGrants(
  doc: GeneratedPolicy,
  who: Caller,
  action: PolicyAction,
  thing: string,
  groupsOfThing: string[],
): boolean {
  const applies = doc.rules.filter((r) => {
    const p = r.principals;
    const principalOk =
      (!p.groups || p.groups.some((g) => who.groups.includes(g))) &&
      (!p.scopes || p.scopes.some((s) => who.scopes.includes(s))) &&
      (!p.subjects || p.subjects.some((s) => wildcard(s, who.sub)));
    const thingOk =
      (r.things.names?.some((n) => wildcard(n, thing)) ?? false) ||
      (r.things.thingGroups?.some((g) => groupsOfThing.includes(g)) ?? false);
    return principalOk && thingOk && r.actions.includes(action);
  });
  return applies.some((r) => r.effect === 'allow') && !applies.some((r) => r.effect === 'deny');
}

describe('authorize (property)', () => {
  propTest.prop(
    [
      policyArb,
      callerArb,
      membershipArb,
      fc.constantFrom(...THINGS, 'unknown-thing'),
      fc.constantFrom(...REQUESTED),
      fc.boolean(),
    ],
    { numRuns: 400 },
  )(
    'agrees with the oracle; force needs its own grant; one group lookup at most',
    async (doc, who, membership, thing, action, force) => {
      const { lookup, calls } = groupsLookup(membership);
      const authz = createAuthorizer(compilePolicy(doc), { thingGroupsOf: lookup });
      const decision = await authz.authorize(who, { action, thingName: thing, force });
      const groupsOfThing = membership[thing] ?? [];
      const expected =
        oracleGrants(doc, who, action, thing, groupsOfThing) &&
        (!force || oracleGrants(doc, who, 'force', thing, groupsOfThing));
      expect(decision.allowed).toBe(expected);
      if (decision.allowed && force) expect(oracleGrants(doc, who, 'force', thing, groupsOfThing)).toBe(true);
      expect(calls.length).toBeLessThanOrEqual(1);
      // Asking again in the same request reuses the lookup and gives the same answer.
      expect(await authz.authorize(who, { action, thingName: thing, force })).toEqual(decision);
      expect(calls.length).toBeLessThanOrEqual(1);
    },
  );

  propTest.prop([policyArb, callerArb, membershipArb, fc.constantFrom(...REQUESTED)], { numRuns: 200 })(
    'filterThings keeps exactly the things authorize allows',
    async (doc, who, membership, action) => {
      const { lookup } = groupsLookup(membership);
      const authz = createAuthorizer(compilePolicy(doc), { thingGroupsOf: lookup });
      const kept = await authz.filterThings(who, THINGS, action);
      expect(kept).toEqual(THINGS.filter((t) => oracleGrants(doc, who, action, t, membership[t] ?? [])));
    },
  );
});
