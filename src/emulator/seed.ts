import { readFile } from 'node:fs/promises';
import { type SeedData } from './api.js';
import { EmulatorError, invalidRequest } from './errors.js';
import { addThingToGroup } from './model/groupJobs.js';
import { type Store } from './model/store.js';
import { TARGET_SELECTIONS, type Execution, type ExecutionStatus } from './model/types.js';
import demo from './seeds/demo.json' with { type: 'json' };
import {
  MAX_TIMEOUT_MINUTES,
  NO_CONTROL_CHARS,
  checkAttributes,
  checkDocument,
  checkEnum,
  checkExecutionStatus,
  checkJobId,
  checkLong,
  checkStatusDetails,
  checkString,
  checkThingName,
  optional,
} from './validation.js';

/** Turns the `seed` option into seed data: 'none' gives undefined, a string other than 'demo' is a JSON file path. */
export async function resolveSeed(seed: string | SeedData): Promise<unknown> {
  if (seed === 'none') return undefined;
  if (seed === 'demo') return demo;
  if (typeof seed !== 'string') return seed;
  let text: string;
  try {
    text = await readFile(seed, 'utf8');
  } catch (error) {
    throw invalidRequest(`Cannot read seed file ${seed}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest(`Seed file ${seed} is not valid JSON.`);
  }
}

/**
 * Loads seed data through the same state machine the API uses: executions reach each status
 * the way a device or the service would move them there.
 */
export function applySeed(store: Store, data: unknown): void {
  const seed = asObject(data, 'seed');
  for (const [i, raw] of asArray(seed.things, 'things').entries()) {
    withContext(`things[${i}]`, () => {
      const thing = asObject(raw, 'thing');
      store.createThing(checkThingName(thing.thingName), optional(thing.attributes, checkAttributes));
    });
  }
  for (const [i, raw] of asArray(seed.thingGroups, 'thingGroups').entries()) {
    withContext(`thingGroups[${i}]`, () => seedThingGroup(store, asObject(raw, 'thing group')));
  }
  for (const [i, raw] of asArray(seed.jobs, 'jobs').entries()) {
    const job = asObject(raw, `jobs[${i}]`);
    withContext(`jobs[${i}] (${String(job.jobId)})`, () => seedJob(store, job));
  }
}

function seedThingGroup(store: Store, raw: Record<string, unknown>): void {
  const parentGroupName = optional(raw.parentGroupName, (v) => checkThingName(v, 'parentGroupName'));
  const group = store.groups.create({
    thingGroupName: checkThingName(raw.thingGroupName, 'thingGroupName'),
    ...(parentGroupName === undefined ? {} : { parentGroupName }),
  });
  for (const name of asArray(raw.things, 'things')) {
    addThingToGroup(store, group, store.getThing(checkThingName(name)).thingName);
  }
}

function seedJob(store: Store, job: Record<string, unknown>): void {
  const jobId = checkJobId(job.jobId);
  const document = checkDocument(
    typeof job.document === 'object' ? JSON.stringify(job.document) : (job.document ?? '{}'),
  );
  const targets = asArray(job.targets, 'targets').map(
    (name) => store.getThing(checkThingName(name)).thingName,
  );
  if (targets.length === 0) throw invalidRequest('targets must name at least one thing');
  const description = optional(job.description, (v) =>
    checkString(v, 'description', { max: 2028, pattern: NO_CONTROL_CHARS }),
  );
  const timeout = optional(job.inProgressTimeoutInMinutes, (v) =>
    checkLong(v, 'inProgressTimeoutInMinutes', { min: 1, max: MAX_TIMEOUT_MINUTES }),
  );
  store.createJob({
    jobId,
    document,
    thingNames: [...new Set(targets)],
    targetSelection:
      optional(job.targetSelection, (v) => checkEnum(v, 'targetSelection', TARGET_SELECTIONS)) ?? 'SNAPSHOT',
    ...(description === undefined ? {} : { description }),
    ...(timeout === undefined ? {} : { inProgressTimeoutInMinutes: timeout }),
  });
  for (const raw of asArray(job.executions, 'executions')) {
    const step = asObject(raw, 'execution');
    const thingName = checkThingName(step.thingName);
    const status = checkExecutionStatus(step.status);
    const details = optional(step.statusDetails, (v) => checkStatusDetails(v));
    withContext(`execution on ${thingName} → ${status}`, () =>
      driveTo(store, store.execution(jobId, thingName), status, details),
    );
  }
}

/** Moves an execution to `target` along the lifecycle, as the device or the service would. */
function driveTo(
  store: Store,
  execution: Execution,
  target: ExecutionStatus,
  statusDetails: Record<string, string> | undefined,
): void {
  const details = statusDetails === undefined ? {} : { statusDetails };
  const startIfQueued = (): void => {
    if (execution.status === 'QUEUED') store.deviceUpdate(execution, { status: 'IN_PROGRESS' });
  };
  switch (target) {
    case 'QUEUED':
    case 'REMOVED':
      // Only the service sets these, and it sets no details.
      if (statusDetails) throw invalidRequest(`statusDetails cannot be set on a ${target} execution`);
      if (target === 'REMOVED') store.remove(execution);
      else if (execution.status !== 'QUEUED')
        throw invalidRequest(`the execution is already ${execution.status}`);
      return;
    case 'IN_PROGRESS':
    case 'REJECTED':
      store.deviceUpdate(execution, { status: target, ...details });
      return;
    case 'SUCCEEDED':
    case 'FAILED':
      startIfQueued();
      store.deviceUpdate(execution, { status: target, ...details });
      return;
    case 'TIMED_OUT':
      if (execution.status === 'QUEUED') store.deviceUpdate(execution, { status: 'IN_PROGRESS', ...details });
      store.timeOut(execution);
      return;
    case 'CANCELED':
      store.cancelExecution(execution, { force: execution.status === 'IN_PROGRESS', ...details });
      return;
  }
}

function withContext(where: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (error instanceof EmulatorError) {
      throw new EmulatorError(error.code, error.status, `Seed ${where}: ${error.message}`);
    }
    throw error;
  }
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function asArray(value: unknown, what: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidRequest(`${what} must be an array`);
  return value;
}
