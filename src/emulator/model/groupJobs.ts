// Thing-group membership changes as the Jobs service sees them: a thing joining a target group of a
// continuous job gets an execution, one that stops being a target loses its QUEUED execution (REMOVED).
import { type Store } from './store.js';
import { type ThingGroup } from './thingGroups.js';
import { type Job } from './types.js';

const latestExecution = (job: Job, thingName: string) => {
  const history = job.executions.get(thingName);
  return history?.[history.length - 1];
};

/** Jobs that still react to membership changes: continuous ones that were neither canceled nor deleted. */
function* liveContinuousJobs(store: Store): Generator<Job> {
  for (const job of store.listJobs()) {
    if (job.targetSelection === 'CONTINUOUS' && job.status === 'IN_PROGRESS') yield job;
  }
}

/** AddThingToThingGroup: queues the thing on every continuous job that now reaches it. */
export function addThingToGroup(store: Store, group: ThingGroup, thingName: string): void {
  if (!store.groups.addThing(group, thingName)) return;
  const reaching = new Set([
    group.thingGroupArn,
    ...store.groups.ancestors(group).map((g) => g.thingGroupArn),
  ]);
  for (const job of liveContinuousJobs(store)) {
    if (!job.targets.some((arn) => reaching.has(arn))) continue;
    const latest = latestExecution(job, thingName);
    // A thing the job already reaches keeps its execution; one removed earlier is queued afresh.
    if (latest === undefined || latest.status === 'REMOVED') store.queueFor(job, thingName);
  }
}

/** RemoveThingFromThingGroup: a QUEUED execution of a continuous job that no longer targets the thing is REMOVED. */
export function removeThingFromGroup(store: Store, group: ThingGroup, thingName: string): void {
  if (store.groups.removeThing(group, thingName)) removeWhereUntargeted(store, thingName);
}

/** DeleteThingGroup: every member leaves the group first; deleting a missing group succeeds, as on AWS. */
export function deleteThingGroup(store: Store, thingGroupName: string, expectedVersion?: number): void {
  const group = store.groups.prepareDelete(thingGroupName, expectedVersion);
  if (!group) return;
  const members = [...group.things];
  store.groups.delete(group);
  for (const thingName of members) removeWhereUntargeted(store, thingName);
}

function removeWhereUntargeted(store: Store, thingName: string): void {
  const reaching = store.groups.reachingArns(thingName);
  reaching.add(store.thingArn(thingName));
  for (const job of liveContinuousJobs(store)) {
    const latest = latestExecution(job, thingName);
    if (latest?.status === 'QUEUED' && !job.targets.some((arn) => reaching.has(arn))) store.remove(latest);
  }
}
