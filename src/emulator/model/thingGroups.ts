import { randomUUID } from 'node:crypto';
import { type Clock } from '../api.js';
import { alreadyExists, invalidRequest, notFound, versionConflict } from '../errors.js';

/** AWS limits: hierarchy depth (root = 1) and how many static groups one thing may join. */
export const MAX_GROUP_DEPTH = 7;
export const MAX_GROUPS_PER_THING = 10;

export interface ThingGroup {
  thingGroupName: string;
  thingGroupArn: string;
  thingGroupId: string;
  parentGroupName?: string;
  description?: string;
  attributes: Record<string, string>;
  version: number;
  createdAt: number;
  /** Names of the things added to this group directly. */
  things: Set<string>;
  /** Names of the direct child groups. */
  children: Set<string>;
}

export interface NewThingGroup {
  thingGroupName: string;
  parentGroupName?: string;
  description?: string;
  attributes?: Record<string, string>;
}

export interface ThingGroupRegistryOptions {
  clock: Clock;
  region: string;
  accountId: string;
}

/** Static thing groups, their hierarchy and their direct members; knows nothing of jobs. */
export class ThingGroupRegistry {
  private groups = new Map<string, ThingGroup>();
  /** thingName → names of the groups it was added to directly. */
  private byThing = new Map<string, Set<string>>();

  constructor(private readonly options: ThingGroupRegistryOptions) {}

  arnOf(thingGroupName: string): string {
    return `arn:aws:iot:${this.options.region}:${this.options.accountId}:thinggroup/${thingGroupName}`;
  }

  /** The group name of a thing-group ARN in this account and region, or undefined for any other ARN. */
  nameOfArn(arn: string): string | undefined {
    const prefix = this.arnOf('');
    return arn.startsWith(prefix) && arn.length > prefix.length ? arn.slice(prefix.length) : undefined;
  }

  clear(): void {
    this.groups.clear();
    this.byThing.clear();
  }

  /** CreateThingGroup: the same name, parent and properties again returns the existing group, as on AWS. */
  create(input: NewThingGroup): ThingGroup {
    const existing = this.groups.get(input.thingGroupName);
    if (existing) {
      if (sameDefinition(existing, input)) return existing;
      throw alreadyExists(`Thing group ${input.thingGroupName} already exists with different properties`, {
        resourceId: existing.thingGroupId,
        resourceArn: existing.thingGroupArn,
      });
    }
    const parent = input.parentGroupName === undefined ? undefined : this.groups.get(input.parentGroupName);
    if (input.parentGroupName !== undefined) {
      if (!parent) throw invalidRequest(`Parent thing group ${input.parentGroupName} does not exist.`);
      if (this.ancestors(parent).length + 1 >= MAX_GROUP_DEPTH) {
        throw invalidRequest(`A thing group hierarchy can be at most ${MAX_GROUP_DEPTH} levels deep.`);
      }
    }
    const group: ThingGroup = {
      thingGroupName: input.thingGroupName,
      thingGroupArn: this.arnOf(input.thingGroupName),
      thingGroupId: randomUUID(),
      attributes: { ...input.attributes },
      version: 1,
      createdAt: this.options.clock.now(),
      things: new Set(),
      children: new Set(),
      ...(parent ? { parentGroupName: parent.thingGroupName } : {}),
      ...(input.description === undefined ? {} : { description: input.description }),
    };
    this.groups.set(group.thingGroupName, group);
    parent?.children.add(group.thingGroupName);
    return group;
  }

  get(thingGroupName: string): ThingGroup {
    const group = this.groups.get(thingGroupName);
    if (!group) throw notFound(`Thing group ${thingGroupName} cannot be found.`);
    return group;
  }

  find(thingGroupName: string): ThingGroup | undefined {
    return this.groups.get(thingGroupName);
  }

  findById(thingGroupId: string): ThingGroup | undefined {
    for (const group of this.groups.values()) if (group.thingGroupId === thingGroupId) return group;
    return undefined;
  }

  /** All groups, by name. */
  list(): ThingGroup[] {
    return [...this.groups.values()].sort(byName);
  }

  /** Root first, direct parent last; empty for a root group. */
  ancestors(group: ThingGroup): ThingGroup[] {
    const chain: ThingGroup[] = [];
    for (let name = group.parentGroupName; name !== undefined;) {
      const parent = this.get(name);
      chain.unshift(parent);
      name = parent.parentGroupName;
    }
    return chain;
  }

  /** Direct children, or every descendant when recursive; by name. */
  descendants(group: ThingGroup, recursive: boolean): ThingGroup[] {
    const found: ThingGroup[] = [];
    const visit = (g: ThingGroup): void => {
      for (const name of g.children) {
        const child = this.get(name);
        found.push(child);
        if (recursive) visit(child);
      }
    };
    visit(group);
    return found.sort(byName);
  }

  /** Things added to the group, and to its descendants when recursive; by name, without repeats. */
  thingsIn(group: ThingGroup, recursive: boolean): string[] {
    const names = new Set(group.things);
    if (recursive)
      for (const child of this.descendants(group, true)) for (const t of child.things) names.add(t);
    return [...names].sort();
  }

  /** The groups the thing was added to directly, by name. */
  groupsOf(thingName: string): ThingGroup[] {
    return [...(this.byThing.get(thingName) ?? [])].map((name) => this.get(name)).sort(byName);
  }

  /** ARNs of the thing's groups and of all their ancestors: every group whose jobs reach the thing. */
  reachingArns(thingName: string): Set<string> {
    const arns = new Set<string>();
    for (const group of this.groupsOf(thingName)) {
      arns.add(group.thingGroupArn);
      for (const ancestor of this.ancestors(group)) arns.add(ancestor.thingGroupArn);
    }
    return arns;
  }

  /** Returns false when the thing already was a member (AddThingToThingGroup is then a no-op). */
  addThing(group: ThingGroup, thingName: string): boolean {
    const memberships = this.byThing.get(thingName) ?? new Set<string>();
    if (memberships.has(group.thingGroupName)) return false;
    if (memberships.size >= MAX_GROUPS_PER_THING) {
      throw invalidRequest(`Thing ${thingName} already belongs to ${MAX_GROUPS_PER_THING} thing groups.`);
    }
    // AWS: a thing may not be in two groups of the same hierarchy (groups sharing a root).
    const root = this.rootOf(group);
    for (const name of memberships) {
      if (this.rootOf(this.get(name)) === root) {
        throw invalidRequest(
          `Thing ${thingName} is already in thing group ${name} of the same hierarchy as ${group.thingGroupName}.`,
        );
      }
    }
    memberships.add(group.thingGroupName);
    this.byThing.set(thingName, memberships);
    group.things.add(thingName);
    return true;
  }

  /** Returns false when the thing was not a member (RemoveThingFromThingGroup is then a no-op). */
  removeThing(group: ThingGroup, thingName: string): boolean {
    if (!group.things.delete(thingName)) return false;
    const memberships = this.byThing.get(thingName);
    memberships?.delete(group.thingGroupName);
    if (memberships?.size === 0) this.byThing.delete(thingName);
    return true;
  }

  /**
   * DeleteThingGroup's checks: a version mismatch or remaining child groups refuse it. Returns the group
   * to pass to delete(), or undefined when it does not exist (AWS then answers success).
   */
  prepareDelete(thingGroupName: string, expectedVersion?: number): ThingGroup | undefined {
    const group = this.groups.get(thingGroupName);
    if (!group) return undefined;
    if (expectedVersion !== undefined && expectedVersion !== group.version) {
      throw versionConflict(
        `The version for thing group ${thingGroupName} does not match the expected version (current ${group.version}).`,
      );
    }
    if (group.children.size > 0) {
      throw invalidRequest(`Cannot delete thing group ${thingGroupName} while it still has child groups.`);
    }
    return group;
  }

  /** Drops a childless group and its memberships (see prepareDelete). */
  delete(group: ThingGroup): void {
    for (const thingName of [...group.things]) this.removeThing(group, thingName);
    if (group.parentGroupName !== undefined) {
      this.groups.get(group.parentGroupName)?.children.delete(group.thingGroupName);
    }
    this.groups.delete(group.thingGroupName);
  }

  /** DeleteThing also ends the thing's group memberships. */
  forgetThing(thingName: string): void {
    for (const name of this.byThing.get(thingName) ?? []) this.groups.get(name)?.things.delete(thingName);
    this.byThing.delete(thingName);
  }

  private rootOf(group: ThingGroup): string {
    return this.ancestors(group)[0]?.thingGroupName ?? group.thingGroupName;
  }
}

const byName = (a: ThingGroup, b: ThingGroup): number =>
  a.thingGroupName < b.thingGroupName ? -1 : a.thingGroupName > b.thingGroupName ? 1 : 0;

function sameDefinition(group: ThingGroup, input: NewThingGroup): boolean {
  const attributes = input.attributes ?? {};
  const keys = Object.keys(attributes);
  return (
    group.parentGroupName === input.parentGroupName &&
    group.description === input.description &&
    keys.length === Object.keys(group.attributes).length &&
    keys.every((key) => group.attributes[key] === attributes[key])
  );
}
