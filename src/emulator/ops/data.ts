import { invalidRequest } from '../errors.js';
import { executionState } from '../model/store.js';
import {
  JOB_ID,
  MAX_TIMEOUT_MINUTES,
  checkBoolean,
  checkExecutionStatus,
  checkJobId,
  checkLong,
  checkStatusDetails,
  checkString,
  checkThingName,
  optional,
  queryBool,
  queryInt,
} from '../validation.js';
import * as shapes from './shapes.js';
import { type OperationContext, type OperationInput, type Route } from './types.js';

const NEXT = '$next';

function checkStepTimeout(value: unknown, allowClear: boolean): number {
  const minutes = checkLong(value, 'stepTimeoutInMinutes');
  if (!(allowClear && minutes === -1) && (minutes < 1 || minutes > MAX_TIMEOUT_MINUTES)) {
    throw invalidRequest(
      `stepTimeoutInMinutes must be between 1 and ${MAX_TIMEOUT_MINUTES}${allowClear ? ', or -1 to clear the step timer' : ''}`,
    );
  }
  return minutes;
}

function describeJobExecution(
  { params, query }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const thingName = checkThingName(params.thingName);
  // DescribeJobExecutionJobId has no length limits in the model, only the pattern (or $next).
  const jobId =
    params.jobId === NEXT ? NEXT : checkString(params.jobId, 'jobId', { min: 1, pattern: JOB_ID });
  const includeJobDocument = queryBool(query, 'includeJobDocument') ?? true;
  const executionNumber = queryInt(query, 'executionNumber', { min: 0 });
  store.getThing(thingName);
  const execution =
    jobId === NEXT ? store.nextPending(thingName) : store.execution(jobId, thingName, executionNumber);
  return execution ? { execution: shapes.dataExecution(store, execution, includeJobDocument) } : {};
}

function getPendingJobExecutions(
  { params }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const thing = store.getThing(checkThingName(params.thingName));
  const { inProgress, queued } = store.pendingOf(thing.thingName);
  return {
    inProgressJobs: inProgress.map(shapes.dataExecutionSummary),
    queuedJobs: queued.map(shapes.dataExecutionSummary),
  };
}

function startNextPendingJobExecution(
  { params, body }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const thing = store.getThing(checkThingName(params.thingName));
  const statusDetails = optional(body.statusDetails, (v) => checkStatusDetails(v));
  const stepTimeoutInMinutes = optional(body.stepTimeoutInMinutes, (v) => checkStepTimeout(v, false));
  const execution = store.startNext(thing.thingName, {
    ...(statusDetails === undefined ? {} : { statusDetails }),
    ...(stepTimeoutInMinutes === undefined ? {} : { stepTimeoutInMinutes }),
  });
  return execution ? { execution: shapes.dataExecution(store, execution, true) } : {};
}

function updateJobExecution(
  { params, body }: OperationInput,
  { store }: OperationContext,
): Record<string, unknown> {
  const jobId = checkJobId(params.jobId);
  const thingName = checkThingName(params.thingName);
  if (body.status === undefined || body.status === null) throw invalidRequest('status is required');
  const status = checkExecutionStatus(body.status);
  const statusDetails = optional(body.statusDetails, (v) => checkStatusDetails(v));
  const stepTimeoutInMinutes = optional(body.stepTimeoutInMinutes, (v) => checkStepTimeout(v, true));
  const expectedVersion = optional(body.expectedVersion, (v) => checkLong(v, 'expectedVersion'));
  const includeState = optional(body.includeJobExecutionState, (v) =>
    checkBoolean(v, 'includeJobExecutionState'),
  );
  const includeDocument = optional(body.includeJobDocument, (v) => checkBoolean(v, 'includeJobDocument'));
  const executionNumber = optional(body.executionNumber, (v) => checkLong(v, 'executionNumber', { min: 0 }));
  store.getThing(thingName);
  const execution = store.execution(jobId, thingName, executionNumber);
  store.deviceUpdate(execution, {
    status,
    ...(statusDetails === undefined ? {} : { statusDetails }),
    ...(stepTimeoutInMinutes === undefined ? {} : { stepTimeoutInMinutes }),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });
  return {
    executionState: includeState ? executionState(execution) : undefined,
    jobDocument: includeDocument ? execution.job.document : undefined,
  };
}

/** Data-plane (service `iot-jobs-data`) operations, with the method and path of the AWS model. */
export const dataRoutes: readonly Route[] = [
  {
    operation: 'DescribeJobExecution',
    method: 'GET',
    path: '/things/{thingName}/jobs/{jobId}',
    handler: describeJobExecution,
  },
  {
    operation: 'GetPendingJobExecutions',
    method: 'GET',
    path: '/things/{thingName}/jobs',
    handler: getPendingJobExecutions,
  },
  {
    operation: 'StartNextPendingJobExecution',
    method: 'PUT',
    path: '/things/{thingName}/jobs/$next',
    handler: startNextPendingJobExecution,
  },
  {
    operation: 'UpdateJobExecution',
    method: 'POST',
    path: '/things/{thingName}/jobs/{jobId}',
    handler: updateJobExecution,
  },
];
