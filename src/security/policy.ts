// Per-thing authorization: a JSON policy maps caller claims to the things and operations they may use.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Caller } from './caller.js';

/** What a caller does to a thing's job executions; `force` is the extra right a forced cancel/delete needs. */
export const THING_ACTIONS = ['read', 'cancel', 'delete', 'update', 'force'] as const;
/**
 * Account-wide actions, not about any thing: `readJobs` lets a caller look jobs up by themselves
 * (`job`, `jobs`, `node` with a Job id). A rule granting it lists no `things`.
 */
export const ACCOUNT_ACTIONS = ['readJobs'] as const;
export const POLICY_ACTIONS = [...THING_ACTIONS, ...ACCOUNT_ACTIONS] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];
export type ThingAction = (typeof THING_ACTIONS)[number];
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];
/** The operations a request asks for on a thing (force is a flag on them, not an operation). */
export type RequestedAction = Exclude<ThingAction, 'force'>;

const nonEmpty = z.string().min(1);
const thingPattern = z
  .string()
  .regex(/^[a-zA-Z0-9:_*-]{1,128}$/, 'a thing name pattern uses [a-zA-Z0-9:_-] and the wildcard *');

const principalsSchema = z
  .strictObject({
    groups: z.array(nonEmpty).min(1).optional(),
    scopes: z.array(nonEmpty).min(1).optional(),
    subjects: z.array(nonEmpty).min(1).optional(),
  })
  .refine(
    (p) => p.groups ?? p.scopes ?? p.subjects,
    'principals needs at least one of groups, scopes, subjects',
  );

const thingsSchema = z
  .strictObject({
    names: z.array(thingPattern).min(1).optional(),
    thingGroups: z.array(nonEmpty).min(1).optional(),
  })
  .refine((t) => t.names ?? t.thingGroups, 'things needs names and/or thingGroups');

const isAccountAction = (action: PolicyAction): action is AccountAction =>
  (ACCOUNT_ACTIONS as readonly string[]).includes(action);

const ruleSchema = z
  .strictObject({
    id: nonEmpty,
    description: z.string().optional(),
    effect: z.enum(['allow', 'deny']).default('allow'),
    principals: principalsSchema,
    /** Required for thing actions; absent for account-wide ones (readJobs). */
    things: thingsSchema.optional(),
    actions: z.array(z.enum(POLICY_ACTIONS)).min(1),
  })
  .superRefine((rule, ctx) => {
    const account = rule.actions.filter(isAccountAction);
    // Mixing would suggest readJobs is limited to those things, which it cannot be.
    if (account.length > 0 && (rule.things || account.length < rule.actions.length))
      ctx.addIssue({
        code: 'custom',
        message: `${account.join(', ')} is account-wide: grant it in a rule of its own, without things`,
        path: ['actions'],
      });
    else if (account.length === 0 && !rule.things)
      ctx.addIssue({ code: 'custom', message: 'things is required for thing actions', path: ['things'] });
  });

export const policySchema = z
  .strictObject({
    version: z.literal(1),
    rules: z.array(ruleSchema),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.rules.forEach((rule, i) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: 'custom', message: `duplicate rule id "${rule.id}"`, path: ['rules', i, 'id'] });
      seen.add(rule.id);
    });
  });

/**
 * The policy document. A rule applies to a caller when every principal kind it lists matches (any
 * listed group AND any listed scope AND any listed subject; subjects accept `*` globs), to a thing
 * when a name pattern matches or the thing is in a listed thing group. Deny rules win; no rule → deny.
 */
export type PolicyDocument = z.input<typeof policySchema>;
export type PolicyRule = z.output<typeof ruleSchema>;

export class PolicyError extends Error {
  override name = 'PolicyError';
}

/** Parses and validates a policy from JSON text; `source` names it in error messages. */
export function parsePolicy(json: string, source = 'policy'): CompiledPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new PolicyError(`${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return compilePolicy(raw, source);
}

/** Validates a policy object (already parsed) and precompiles its patterns. */
export function compilePolicy(raw: unknown, source = 'policy'): CompiledPolicy {
  const result = policySchema.safeParse(raw);
  if (!result.success) throw new PolicyError(`${source} is invalid:\n${z.prettifyError(result.error)}`);
  return new CompiledPolicy(result.data.rules);
}

/** Loads the policy from a file (AUTH_POLICY_FILE) or inline JSON (AUTH_POLICY); exactly one must be given. */
export async function loadPolicy(source: { file?: string; inline?: string }): Promise<CompiledPolicy> {
  if (source.file && source.inline) throw new PolicyError('set only one of AUTH_POLICY_FILE and AUTH_POLICY');
  if (source.inline) return parsePolicy(source.inline, 'AUTH_POLICY');
  if (!source.file) throw new PolicyError('no policy given: set AUTH_POLICY_FILE or AUTH_POLICY');
  let text: string;
  try {
    text = await readFile(source.file, 'utf8');
  } catch (err) {
    throw new PolicyError(
      `cannot read AUTH_POLICY_FILE ${source.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  return parsePolicy(text, `AUTH_POLICY_FILE ${source.file}`);
}

/** A `*` glob as an anchored regular expression; every other character is literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

interface CompiledRule {
  rule: PolicyRule;
  subjects?: RegExp[];
  names?: RegExp[];
}

/** A validated policy with its patterns compiled once; share it across requests. */
export class CompiledPolicy {
  readonly rules: readonly CompiledRule[];

  constructor(rules: PolicyRule[]) {
    this.rules = rules.map((rule) => ({
      rule,
      ...(rule.principals.subjects ? { subjects: rule.principals.subjects.map(globToRegExp) } : {}),
      ...(rule.things?.names ? { names: rule.things.names.map(globToRegExp) } : {}),
    }));
  }

  /** Rules that apply to this caller for this action, before looking at the thing. */
  candidates(caller: Caller, action: PolicyAction): CompiledRule[] {
    return this.rules.filter((r) => r.rule.actions.includes(action) && principalMatches(r, caller));
  }

  /** An account-wide action: allowed when an allow rule grants it to the caller and no deny rule does. */
  grantsAccountAction(caller: Caller, action: AccountAction): AuthorizationDecision {
    const candidates = this.candidates(caller, action);
    const deny = candidates.find((r) => r.rule.effect === 'deny');
    if (deny) return { allowed: false, reason: `${action} denied by rule ${deny.rule.id}` };
    const allow = candidates.find((r) => r.rule.effect === 'allow');
    return allow
      ? { allowed: true, rule: allow.rule.id }
      : { allowed: false, reason: `no rule grants ${action}` };
  }
}

function principalMatches(r: CompiledRule, caller: Caller): boolean {
  const { groups, scopes } = r.rule.principals;
  if (groups && !groups.some((g) => caller.groups.includes(g))) return false;
  if (scopes && !scopes.some((s) => caller.scopes.includes(s))) return false;
  if (r.subjects && !r.subjects.some((re) => re.test(caller.sub))) return false;
  return true;
}

/** Resolves the thing groups a thing belongs to (ancestors included); [] for an unknown thing. */
export type ThingGroupsLookup = (thingName: string) => Promise<readonly string[]>;

export interface AuthorizationRequest {
  action: RequestedAction;
  thingName: string;
  /** A forced cancel/delete: additionally needs the `force` action on the thing. Default false. */
  force?: boolean;
}

export type AuthorizationDecision =
  | { allowed: true; rule: string }
  | {
      allowed: false;
      /** For the audit log only; the client gets the same answer whether or not the thing exists. */
      reason: string;
    };

export interface Authorizer {
  authorize(caller: Caller, request: AuthorizationRequest): Promise<AuthorizationDecision>;
  /** The subset of `thingNames` the caller may perform `action` (default 'read') on, order kept. */
  filterThings(caller: Caller, thingNames: readonly string[], action?: RequestedAction): Promise<string[]>;
  /** Whether the caller may look jobs up by themselves (job, jobs, node with a Job id): `readJobs`. */
  mayReadJobs(caller: Caller): boolean;
}

/**
 * An authorizer for one request: thing-group lookups are cached for its lifetime, so create one per
 * request. It decides from the caller's claims and the thing's name and groups only, before any
 * upstream call that could reveal whether a job or execution exists.
 */
export function createAuthorizer(
  policy: CompiledPolicy,
  options: { thingGroupsOf: ThingGroupsLookup },
): Authorizer {
  const groupsCache = new Map<string, Promise<readonly string[]>>();
  const groupsOf = (thingName: string): Promise<readonly string[]> => {
    let cached = groupsCache.get(thingName);
    if (!cached) {
      cached = options.thingGroupsOf(thingName);
      groupsCache.set(thingName, cached);
      // A failed lookup must not poison later checks in the same request.
      cached.catch(() => groupsCache.delete(thingName));
    }
    return cached;
  };

  const decide = async (
    caller: Caller,
    action: ThingAction,
    thingName: string,
  ): Promise<AuthorizationDecision> => {
    const candidates = policy.candidates(caller, action);
    if (candidates.length === 0) return { allowed: false, reason: `no rule grants ${action} to this caller` };
    const byName = (r: CompiledRule): boolean => r.names?.some((re) => re.test(thingName)) ?? false;
    const denyByName = candidates.find((r) => r.rule.effect === 'deny' && byName(r));
    if (denyByName) return { allowed: false, reason: `${action} denied by rule ${denyByName.rule.id}` };
    const allowByName = candidates.find((r) => r.rule.effect === 'allow' && byName(r));
    // Group membership costs an upstream call: only look it up when it can change the outcome.
    const groupRules = candidates.filter(
      (r) => r.rule.things?.thingGroups && (r.rule.effect === 'deny' || !allowByName),
    );
    const groups = groupRules.length > 0 ? await groupsOf(thingName) : [];
    const byGroup = (r: CompiledRule): boolean =>
      r.rule.things?.thingGroups?.some((g) => groups.includes(g)) ?? false;
    const denyByGroup = groupRules.find((r) => r.rule.effect === 'deny' && byGroup(r));
    if (denyByGroup) return { allowed: false, reason: `${action} denied by rule ${denyByGroup.rule.id}` };
    const allow = allowByName ?? candidates.find((r) => r.rule.effect === 'allow' && byGroup(r));
    if (allow) return { allowed: true, rule: allow.rule.id };
    return { allowed: false, reason: `no rule grants ${action} on this thing` };
  };

  const authorize = async (caller: Caller, request: AuthorizationRequest): Promise<AuthorizationDecision> => {
    const main = await decide(caller, request.action, request.thingName);
    if (!main.allowed || !request.force) return main;
    const force = await decide(caller, 'force', request.thingName);
    if (!force.allowed) return force;
    return { allowed: true, rule: main.rule === force.rule ? main.rule : `${main.rule}+${force.rule}` };
  };

  return {
    authorize,
    async filterThings(caller, thingNames, action = 'read') {
      const decisions = await Promise.all(thingNames.map((thingName) => decide(caller, action, thingName)));
      return thingNames.filter((_, i) => decisions[i]!.allowed);
    },
    mayReadJobs: (caller) => policy.grantsAccountAction(caller, 'readJobs').allowed,
  };
}

/** A policy that allows everything to everyone: only for AUTH_MODE=none against the local emulator. */
export function allowAllPolicy(): CompiledPolicy {
  return compilePolicy({
    version: 1,
    rules: [
      {
        id: 'allow-all',
        principals: { subjects: ['*'] },
        things: { names: ['*'] },
        actions: [...THING_ACTIONS],
      },
      { id: 'allow-all-jobs', principals: { subjects: ['*'] }, actions: [...ACCOUNT_ACTIONS] },
    ],
  });
}
