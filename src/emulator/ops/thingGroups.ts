import { invalidRequest } from '../errors.js';
import { addThingToGroup, deleteThingGroup, removeThingFromGroup } from '../model/groupJobs.js';
import { type Store } from '../model/store.js';
import { type ThingGroup } from '../model/thingGroups.js';
import { paginate } from '../pagination.js';
import {
  THING_NAME,
  checkAttributes,
  checkBoolean,
  checkString,
  checkThingName,
  optional,
  queryBool,
  queryInt,
  queryString,
} from '../validation.js';
import { type OperationContext, type OperationInput, type Route } from './types.js';

// The model's [\p{Graph}\x20]*: no control, format, line- or paragraph-separator characters.
const GROUP_DESCRIPTION = /^[^\p{C}\p{Zl}\p{Zp}]*$/u;

const checkGroupName = (value: unknown, what = 'thingGroupName'): string =>
  checkString(value, what, { min: 1, max: 128, pattern: THING_NAME });

const groupNameAndArn = (group: ThingGroup): Record<string, unknown> => ({
  groupName: group.thingGroupName,
  groupArn: group.thingGroupArn,
});

function checkObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** Tags are accepted and dropped (not emulated), but must still have the model's shape. */
function checkTags(value: unknown): void {
  if (!Array.isArray(value)) throw invalidRequest('tags must be a list');
  for (const raw of value) {
    const tag = checkObject(raw, 'tag');
    checkString(tag.Key, 'tag Key', { min: 1, max: 128 });
    optional(tag.Value, (v) => checkString(v, 'tag Value', { max: 256 }));
  }
}

// ---- groups ----

function createThingGroup(
  { params, body }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const thingGroupName = checkGroupName(params.thingGroupName);
  const parentGroupName = optional(body.parentGroupName, (v) => checkGroupName(v, 'parentGroupName'));
  const properties = optional(body.thingGroupProperties, (v) => checkObject(v, 'thingGroupProperties'));
  const description = optional(properties?.thingGroupDescription, (v) =>
    checkString(v, 'thingGroupDescription', { max: 2028, pattern: GROUP_DESCRIPTION }),
  );
  const payload = optional(properties?.attributePayload, (v) => checkObject(v, 'attributePayload'));
  const attributes = optional(payload?.attributes, checkAttributes);
  optional(payload?.merge, (v) => checkBoolean(v, 'merge'));
  optional(body.tags, checkTags);
  const group = store.groups.create({
    thingGroupName,
    ...(parentGroupName === undefined ? {} : { parentGroupName }),
    ...(description === undefined ? {} : { description }),
    ...(attributes === undefined ? {} : { attributes }),
  });
  return {
    thingGroupName: group.thingGroupName,
    thingGroupArn: group.thingGroupArn,
    thingGroupId: group.thingGroupId,
  };
}

function describeThingGroup(
  { params }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const group = store.groups.get(checkGroupName(params.thingGroupName));
  return {
    thingGroupName: group.thingGroupName,
    thingGroupId: group.thingGroupId,
    thingGroupArn: group.thingGroupArn,
    version: group.version,
    thingGroupProperties: {
      thingGroupDescription: group.description,
      attributePayload: { attributes: { ...group.attributes } },
    },
    thingGroupMetadata: {
      parentGroupName: group.parentGroupName,
      rootToParentThingGroups: store.groups.ancestors(group).map(groupNameAndArn),
      creationDate: group.createdAt / 1000,
    },
  };
}

/**
 * Without parentGroup every group is listed (only root groups with recursive=false); with it, its
 * direct children, or all its descendants with recursive=true.
 */
function listThingGroups({ query }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  const parentGroup = queryString(query, 'parentGroup', { min: 1, max: 128, pattern: THING_NAME });
  const prefix = queryString(query, 'namePrefixFilter', { min: 1, max: 128, pattern: THING_NAME });
  const recursive = queryBool(query, 'recursive');
  const candidates =
    parentGroup === undefined
      ? store.groups.list().filter((g) => recursive !== false || g.parentGroupName === undefined)
      : store.groups.descendants(store.groups.get(parentGroup), recursive === true);
  const matches = candidates.filter((g) => prefix === undefined || g.thingGroupName.startsWith(prefix));
  const scope = `ListThingGroups|${parentGroup}|${prefix}|${recursive}`;
  const { page, nextToken } = paginate(matches, query, scope);
  return { thingGroups: page.map(groupNameAndArn), nextToken };
}

function deleteGroup(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const thingGroupName = checkGroupName(params.thingGroupName);
  deleteThingGroup(store, thingGroupName, queryInt(query, 'expectedVersion'));
  return {};
}

// ---- membership ----

/** The group and thing of an Add/RemoveThingFromThingGroup body, each given by name or by ARN. */
function resolveMembership(
  body: Record<string, unknown>,
  store: Store,
): { group: ThingGroup; thingName: string } {
  const groupName = byNameOrArn(
    optional(body.thingGroupName, (v) => checkGroupName(v)),
    optional(body.thingGroupArn, (v) => checkString(v, 'thingGroupArn', { min: 1, max: 2048 })),
    (arn) => store.groups.nameOfArn(arn),
    'thing group',
  );
  const thingName = byNameOrArn(
    optional(body.thingName, (v) => checkThingName(v)),
    optional(body.thingArn, (v) => checkString(v, 'thingArn', { min: 1, max: 2048 })),
    (arn) => store.thingNameOfArn(arn),
    'thing',
  );
  const group = store.groups.get(groupName);
  return { group, thingName: store.getThing(thingName).thingName };
}

function byNameOrArn(
  name: string | undefined,
  arn: string | undefined,
  nameOfArn: (arn: string) => string | undefined,
  what: string,
): string {
  const fromArn = arn === undefined ? undefined : nameOfArn(arn);
  if (arn !== undefined && fromArn === undefined) {
    throw invalidRequest(`${arn} is not a ${what} ARN of this account and region.`);
  }
  if (name !== undefined && fromArn !== undefined && name !== fromArn) {
    throw invalidRequest(`The ${what} name ${name} and ARN ${arn} name different resources.`);
  }
  const resolved = name ?? fromArn;
  if (resolved === undefined) throw invalidRequest(`Either the ${what} name or its ARN is required.`);
  return resolved;
}

function addThing({ body }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  optional(body.overrideDynamicGroups, (v) => checkBoolean(v, 'overrideDynamicGroups'));
  const { group, thingName } = resolveMembership(body, store);
  addThingToGroup(store, group, thingName);
  return {};
}

function removeThing({ body }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  const { group, thingName } = resolveMembership(body, store);
  removeThingFromGroup(store, group, thingName);
  return {};
}

function listThingGroupsForThing(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const thing = store.getThing(checkThingName(params.thingName));
  const { page, nextToken } = paginate(
    store.groups.groupsOf(thing.thingName),
    query,
    `ListThingGroupsForThing|${thing.thingName}`,
  );
  return { thingGroups: page.map(groupNameAndArn), nextToken };
}

function listThingsInThingGroup(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const group = store.groups.get(checkGroupName(params.thingGroupName));
  const recursive = queryBool(query, 'recursive') ?? false;
  const scope = `ListThingsInThingGroup|${group.thingGroupName}|${recursive}`;
  const { page, nextToken } = paginate(store.groups.thingsIn(group, recursive), query, scope);
  return { things: page, nextToken };
}

/** Static thing-group operations of the control plane (service `iot`), with the AWS model's paths. */
export const thingGroupRoutes: readonly Route[] = [
  {
    operation: 'AddThingToThingGroup',
    method: 'PUT',
    path: '/thing-groups/addThingToThingGroup',
    handler: addThing,
  },
  {
    operation: 'RemoveThingFromThingGroup',
    method: 'PUT',
    path: '/thing-groups/removeThingFromThingGroup',
    handler: removeThing,
  },
  {
    operation: 'CreateThingGroup',
    method: 'POST',
    path: '/thing-groups/{thingGroupName}',
    handler: createThingGroup,
  },
  {
    operation: 'DescribeThingGroup',
    method: 'GET',
    path: '/thing-groups/{thingGroupName}',
    handler: describeThingGroup,
  },
  { operation: 'ListThingGroups', method: 'GET', path: '/thing-groups', handler: listThingGroups },
  {
    operation: 'DeleteThingGroup',
    method: 'DELETE',
    path: '/thing-groups/{thingGroupName}',
    handler: deleteGroup,
  },
  {
    operation: 'ListThingGroupsForThing',
    method: 'GET',
    path: '/things/{thingName}/thing-groups',
    handler: listThingGroupsForThing,
  },
  {
    operation: 'ListThingsInThingGroup',
    method: 'GET',
    path: '/thing-groups/{thingGroupName}/things',
    handler: listThingsInThingGroup,
  },
];
