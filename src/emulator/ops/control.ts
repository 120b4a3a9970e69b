import { createHash } from 'node:crypto';
import { invalidRequest } from '../errors.js';
import { type Store } from '../model/store.js';
import {
  EXECUTION_STATUSES,
  JOB_STATUSES,
  TARGET_SELECTIONS,
  type Execution,
  type Job,
} from '../model/types.js';
import { paginate } from '../pagination.js';
import {
  ATTRIBUTE_NAME,
  ATTRIBUTE_VALUE,
  JOB_ID,
  MAX_TIMEOUT_MINUTES,
  NAMESPACE_ID,
  NO_CONTROL_CHARS,
  REASON_CODE,
  THING_GROUP_ID,
  THING_NAME,
  checkAttributes,
  checkDocument,
  checkEnum,
  checkJobId,
  checkLong,
  checkStatusDetails,
  checkString,
  checkThingName,
  optional,
  queryBool,
  queryEnum,
  queryInt,
  queryString,
} from '../validation.js';
import * as shapes from './shapes.js';
import { thingGroupRoutes } from './thingGroups.js';
import { type OperationContext, type OperationInput, type Route } from './types.js';

const namespaceRule = { pattern: NAMESPACE_ID, min: 1 };

function checkObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

// ---- things ----

function createThing({ params, body }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  const thingName = checkThingName(params.thingName);
  const thingTypeName = optional(body.thingTypeName, (v) =>
    checkString(v, 'thingTypeName', { min: 1, max: 128, pattern: THING_NAME }),
  );
  const payload = optional(body.attributePayload, (v) => checkObject(v, 'attributePayload'));
  const attributes = optional(payload?.attributes, checkAttributes);
  const thing = store.createThing(thingName, attributes, thingTypeName);
  return { thingName: thing.thingName, thingArn: thing.thingArn, thingId: thing.thingId };
}

function describeThing({ params }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  const thing = store.getThing(checkThingName(params.thingName));
  return { defaultClientId: thing.thingName, thingId: thing.thingId, ...shapes.thingAttribute(thing) };
}

function listThings({ query }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  const attributeName = queryString(query, 'attributeName', { max: 128, pattern: ATTRIBUTE_NAME });
  const attributeValue = queryString(query, 'attributeValue', { max: 800, pattern: ATTRIBUTE_VALUE });
  const thingTypeName = queryString(query, 'thingTypeName', { min: 1, max: 128, pattern: THING_NAME });
  const usePrefix = queryBool(query, 'usePrefixAttributeValue') ?? false;
  const matches = [...store.listThings()].filter((thing) => {
    if (thingTypeName !== undefined && thing.thingTypeName !== thingTypeName) return false;
    if (attributeName === undefined) return true;
    const value = thing.attributes[attributeName];
    if (value === undefined) return false;
    if (attributeValue === undefined) return true;
    return usePrefix ? value.startsWith(attributeValue) : value === attributeValue;
  });
  const scope = `ListThings|${attributeName}|${attributeValue}|${thingTypeName}|${usePrefix}`;
  const { page, nextToken } = paginate(matches, query, scope);
  return { things: page.map(shapes.thingAttribute), nextToken };
}

function deleteThing(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const thingName = checkThingName(params.thingName);
  store.deleteThing(thingName, queryInt(query, 'expectedVersion'));
  return {};
}

// ---- jobs ----

/** Thing and thing-group ARNs: the things they reach now (a group with all its descendants) and the ARNs. */
function resolveTargets(value: unknown, store: Store): { thingNames: string[]; targetArns: string[] } {
  if (!Array.isArray(value) || value.length === 0) throw invalidRequest('targets must list at least one ARN');
  const names = new Set<string>();
  const arns = new Set<string>();
  for (const target of value) {
    const arn = checkString(target, 'target', { min: 1, max: 2048 });
    arns.add(arn);
    const groupName = store.groups.nameOfArn(arn);
    if (groupName !== undefined) {
      for (const name of store.groups.thingsIn(store.groups.get(groupName), true)) names.add(name);
      continue;
    }
    const thingName = store.thingNameOfArn(arn);
    if (thingName === undefined) {
      throw invalidRequest(`Target ${arn} is not a thing or thing-group ARN of this account and region.`);
    }
    store.getThing(thingName);
    names.add(thingName);
  }
  return { thingNames: [...names], targetArns: [...arns] };
}

function createJob({ params, body }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  const jobId = checkJobId(params.jobId);
  const { thingNames, targetArns } = resolveTargets(body.targets, store);
  if (body.documentSource !== undefined) {
    throw invalidRequest('documentSource (S3) is not emulated; pass the document inline.');
  }
  if (body.document === undefined) throw invalidRequest('A document is required.');
  const document = checkDocument(body.document);
  const description = optional(body.description, (v) =>
    checkString(v, 'description', { max: 2028, pattern: NO_CONTROL_CHARS }),
  );
  const targetSelection = optional(body.targetSelection, (v) =>
    checkEnum(v, 'targetSelection', TARGET_SELECTIONS),
  );
  const timeoutConfig = optional(body.timeoutConfig, (v) => checkObject(v, 'timeoutConfig'));
  const inProgressTimeoutInMinutes = optional(timeoutConfig?.inProgressTimeoutInMinutes, (v) =>
    checkLong(v, 'inProgressTimeoutInMinutes', { min: 1, max: MAX_TIMEOUT_MINUTES }),
  );
  optional(body.namespaceId, (v) => checkString(v, 'namespaceId', namespaceRule));
  const job = store.createJob({
    jobId,
    document,
    thingNames,
    targetArns,
    targetSelection: targetSelection ?? 'SNAPSHOT',
    ...(description === undefined ? {} : { description }),
    ...(inProgressTimeoutInMinutes === undefined ? {} : { inProgressTimeoutInMinutes }),
  });
  return { jobArn: job.jobArn, jobId: job.jobId, description: job.description };
}

function describeJob(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  queryBool(query, 'beforeSubstitution');
  return { job: shapes.job(store.getJob(checkJobId(params.jobId))) };
}

function listJobs({ query }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  const status = queryEnum(query, 'status', JOB_STATUSES);
  const targetSelection = queryEnum(query, 'targetSelection', TARGET_SELECTIONS);
  const group = queryString(query, 'thingGroupName', { min: 1, max: 128, pattern: THING_NAME });
  const groupId = queryString(query, 'thingGroupId', { min: 1, max: 128, pattern: THING_GROUP_ID });
  queryString(query, 'namespaceId', namespaceRule);
  // A group filter keeps the jobs that name the group among their targets; an unknown id matches nothing.
  const groupArns = [
    ...(group === undefined ? [] : [store.groups.arnOf(group)]),
    ...(groupId === undefined ? [] : [store.groups.findById(groupId)?.thingGroupArn ?? '']),
  ];
  const matches = [...store.listJobs()].filter(
    (job) =>
      (status === undefined || job.status === status) &&
      (targetSelection === undefined || job.targetSelection === targetSelection) &&
      groupArns.every((arn) => job.targets.includes(arn)),
  );
  const { page, nextToken } = paginate(
    matches,
    query,
    `ListJobs|${status}|${targetSelection}|${group}|${groupId}`,
  );
  return {
    jobs: page.map((job) => ({ ...shapes.jobSummary(job), thingGroupId: targetGroupId(store, job) })),
    nextToken,
  };
}

/** JobSummary.thingGroupId: the first existing thing group among the job's targets. */
function targetGroupId(store: Store, job: Job): string | undefined {
  for (const arn of job.targets) {
    const name = store.groups.nameOfArn(arn);
    const group = name === undefined ? undefined : store.groups.find(name);
    if (group) return group.thingGroupId;
  }
  return undefined;
}

function getJobDocument(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  queryBool(query, 'beforeSubstitution');
  return { document: store.getJob(checkJobId(params.jobId)).document };
}

function cancelJob(
  { params, query, body }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const job = store.getJob(checkJobId(params.jobId));
  const force = queryBool(query, 'force') ?? false;
  const reasonCode = optional(body.reasonCode, (v) =>
    checkString(v, 'reasonCode', { max: 128, pattern: REASON_CODE }),
  );
  const comment = optional(body.comment, (v) =>
    checkString(v, 'comment', { max: 2028, pattern: NO_CONTROL_CHARS }),
  );
  store.cancelJob(job, {
    force,
    ...(reasonCode === undefined ? {} : { reasonCode }),
    ...(comment === undefined ? {} : { comment }),
  });
  return { jobArn: job.jobArn, jobId: job.jobId, description: job.description };
}

function deleteJob({ params, query }: OperationInput, { store }: OperationContext): Record<string, unknown> {
  const jobId = checkJobId(params.jobId);
  const force = queryBool(query, 'force') ?? false;
  queryString(query, 'namespaceId', namespaceRule);
  store.deleteJob(store.getJob(jobId), force);
  return {};
}

// ---- job executions ----

function describeJobExecution(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const jobId = checkJobId(params.jobId);
  const thingName = checkThingName(params.thingName);
  const executionNumber = queryInt(query, 'executionNumber', { min: 0 });
  return { execution: shapes.controlExecution(store, store.execution(jobId, thingName, executionNumber)) };
}

function listJobExecutionsForJob(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const job = store.getJob(checkJobId(params.jobId));
  const status = queryEnum(query, 'status', EXECUTION_STATUSES);
  const matches = filterStatus(store.executionsOfJob(job), status);
  const { page, nextToken } = paginate(matches, query, `ListJobExecutionsForJob|${job.jobId}|${status}`);
  return {
    executionSummaries: page.map((e) => ({
      thingArn: store.thingArn(e.thingName),
      jobExecutionSummary: shapes.controlExecutionSummary(e),
    })),
    nextToken,
  };
}

function listJobExecutionsForThing(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const thing = store.getThing(checkThingName(params.thingName));
  const status = queryEnum(query, 'status', EXECUTION_STATUSES);
  const jobId = queryString(query, 'jobId', { min: 1, max: 64, pattern: JOB_ID });
  queryString(query, 'namespaceId', namespaceRule);
  const matches = filterStatus(store.executionsOfThing(thing.thingName), status).filter(
    (e) => jobId === undefined || e.job.jobId === jobId,
  );
  const scope = `ListJobExecutionsForThing|${thing.thingName}|${status}|${jobId}`;
  const { page, nextToken } = paginate(matches, query, scope);
  return {
    executionSummaries: page.map((e) => ({
      jobId: e.job.jobId,
      jobExecutionSummary: shapes.controlExecutionSummary(e),
    })),
    nextToken,
  };
}

function cancelJobExecution(
  { params, query, body }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const jobId = checkJobId(params.jobId);
  const thingName = checkThingName(params.thingName);
  const force = queryBool(query, 'force') ?? false;
  const expectedVersion = optional(body.expectedVersion, (v) => checkLong(v, 'expectedVersion'));
  const statusDetails = optional(body.statusDetails, (v) => checkStatusDetails(v));
  store.cancelExecution(store.execution(jobId, thingName), {
    force,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
    ...(statusDetails === undefined ? {} : { statusDetails }),
  });
  return {};
}

function deleteJobExecution(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const jobId = checkJobId(params.jobId);
  const thingName = checkThingName(params.thingName);
  const rawNumber = params.executionNumber ?? '';
  if (!/^\d{1,15}$/.test(rawNumber)) throw invalidRequest('executionNumber must be a non-negative integer');
  const force = queryBool(query, 'force') ?? false;
  queryString(query, 'namespaceId', namespaceRule);
  store.deleteExecution(store.execution(jobId, thingName, Number(rawNumber)), force);
  return {};
}

// ---- endpoint discovery ----

function describeEndpoint({ query }: OperationInput, context: OperationContext): Record<string, unknown> {
  const type = queryString(query, 'endpointType', { max: 128 });
  const prefix =
    'a' + createHash('sha256').update(`${context.accountId}|${context.region}`).digest('hex').slice(0, 13);
  const awsHost = (infix: string): string => `${prefix}${infix}.${context.region}.amazonaws.com`;
  switch (type?.toLowerCase()) {
    case undefined:
    case 'iot:data':
      return { endpointAddress: awsHost('.iot') };
    case 'iot:data-ats':
      return { endpointAddress: awsHost('-ats.iot') };
    case 'iot:credentialprovider':
      return { endpointAddress: awsHost('.credentials.iot') };
    case 'iot:jobs':
      return { endpointAddress: context.jobsEndpoint };
    default:
      throw invalidRequest(
        `Endpoint type ${type} is not valid; use iot:Data, iot:Data-ATS, iot:CredentialProvider or iot:Jobs.`,
      );
  }
}

function filterStatus(executions: Execution[], status: string | undefined): Execution[] {
  return status === undefined ? executions : executions.filter((e) => e.status === status);
}

/** Control-plane (service `iot`) operations, with the method and path of the AWS model. */
export const controlRoutes: readonly Route[] = [
  { operation: 'CreateThing', method: 'POST', path: '/things/{thingName}', handler: createThing },
  { operation: 'DescribeThing', method: 'GET', path: '/things/{thingName}', handler: describeThing },
  { operation: 'ListThings', method: 'GET', path: '/things', handler: listThings },
  { operation: 'DeleteThing', method: 'DELETE', path: '/things/{thingName}', handler: deleteThing },
  { operation: 'CreateJob', method: 'PUT', path: '/jobs/{jobId}', handler: createJob },
  { operation: 'DescribeJob', method: 'GET', path: '/jobs/{jobId}', handler: describeJob },
  { operation: 'ListJobs', method: 'GET', path: '/jobs', handler: listJobs },
  { operation: 'GetJobDocument', method: 'GET', path: '/jobs/{jobId}/job-document', handler: getJobDocument },
  { operation: 'CancelJob', method: 'PUT', path: '/jobs/{jobId}/cancel', handler: cancelJob },
  { operation: 'DeleteJob', method: 'DELETE', path: '/jobs/{jobId}', handler: deleteJob },
  {
    operation: 'DescribeJobExecution',
    method: 'GET',
    path: '/things/{thingName}/jobs/{jobId}',
    handler: describeJobExecution,
  },
  {
    operation: 'ListJobExecutionsForJob',
    method: 'GET',
    path: '/jobs/{jobId}/things',
    handler: listJobExecutionsForJob,
  },
  {
    operation: 'ListJobExecutionsForThing',
    method: 'GET',
    path: '/things/{thingName}/jobs',
    handler: listJobExecutionsForThing,
  },
  {
    operation: 'CancelJobExecution',
    method: 'PUT',
    path: '/things/{thingName}/jobs/{jobId}/cancel',
    handler: cancelJobExecution,
  },
  {
    operation: 'DeleteJobExecution',
    method: 'DELETE',
    path: '/things/{thingName}/jobs/{jobId}/executionNumber/{executionNumber}',
    handler: deleteJobExecution,
  },
  { operation: 'DescribeEndpoint', method: 'GET', path: '/endpoint', handler: describeEndpoint },
  ...thingGroupRoutes,
];
