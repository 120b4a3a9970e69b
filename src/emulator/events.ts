// The MQTT notifications AWS IoT Jobs publishes on its reserved topics, built from the store's execution
// changes with AWS's payloads: in-process listeners get them always, a broker only when one is configured.
import { randomUUID } from 'node:crypto';
import { type Store } from './model/store.js';
import { isTerminal, type Execution, type ExecutionStatus } from './model/types.js';
import * as shapes from './ops/shapes.js';

/** One change the store reports after it happened. */
export interface ExecutionChange {
  execution: Execution;
  /** The status before the change; null for a newly queued execution. */
  previousStatus: ExecutionStatus | null;
  /** True when the execution was deleted (DeleteJobExecution or DeleteJob). */
  deleted: boolean;
}

/** Receives each published message: the MQTT topic and its JSON payload text. */
export type JobEventListener = (topic: string, payload: string) => void;

/** The reserved topics, as AWS IoT names them. */
export const jobTopics = {
  notify: (thingName: string): string => `$aws/things/${thingName}/jobs/notify`,
  notifyNext: (thingName: string): string => `$aws/things/${thingName}/jobs/notify-next`,
  jobExecution: (jobId: string, operation: string): string =>
    `$aws/events/jobExecution/${jobId}/${operation}`,
};

const isPending = (status: ExecutionStatus | null): boolean =>
  status === 'QUEUED' || status === 'IN_PROGRESS';

/** Turns store changes into AWS IoT job messages and hands them to every listener, in order. */
export class JobEvents {
  private readonly listeners = new Set<JobEventListener>();
  /** What notify-next last announced per thing, so it is sent only when the next execution changes. */
  private readonly announcedNext = new Map<string, string>();

  constructor(private readonly store: Store) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: JobEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the store after each execution change. */
  onChange(change: ExecutionChange): void {
    for (const [topic, payload] of this.messagesFor(change)) {
      const text = JSON.stringify(payload);
      for (const listener of this.listeners) {
        // A listener runs after the store call returned, so it can never break an API request.
        queueMicrotask(() => {
          try {
            listener(topic, text);
          } catch {
            // Listeners own their errors; the emulator keeps publishing to the others.
          }
        });
      }
    }
  }

  private messagesFor({ execution, previousStatus, deleted }: ExecutionChange): [string, unknown][] {
    const { thingName } = execution;
    const timestamp = Math.floor(this.store.now() / 1000);
    const messages: [string, unknown][] = [];
    // One scan of the thing's executions serves both notify and notify-next.
    const { inProgress, queued } = this.store.pendingOf(thingName);
    // notify: whenever the thing's pending list gains, loses or changes an entry.
    if (isPending(previousStatus) || isPending(execution.status)) {
      const jobs: Record<string, unknown[]> = {};
      if (inProgress.length > 0) jobs.IN_PROGRESS = inProgress.map(shapes.dataExecutionSummary);
      if (queued.length > 0) jobs.QUEUED = queued.map(shapes.dataExecutionSummary);
      messages.push([jobTopics.notify(thingName), { timestamp, jobs }]);
    }
    // notify-next: only when the first pending execution (or its version) is different.
    const next = inProgress[0] ?? queued[0];
    const nextKey = next ? `${next.job.jobId}:${next.executionNumber}:${next.versionNumber}` : '';
    if ((this.announcedNext.get(thingName) ?? '') !== nextKey) {
      if (nextKey) this.announcedNext.set(thingName, nextKey);
      else this.announcedNext.delete(thingName);
      messages.push([
        jobTopics.notifyNext(thingName),
        next ? { timestamp, execution: this.nextExecution(next) } : { timestamp },
      ]);
    }
    // Job execution events: terminal transitions and deletions only, as AWS IoT's event messages.
    const becameTerminal =
      !deleted && isTerminal(execution.status) && (previousStatus === null || !isTerminal(previousStatus));
    if (becameTerminal || deleted) {
      const operation = deleted ? 'deleted' : execution.status.toLowerCase();
      messages.push([
        jobTopics.jobExecution(execution.job.jobId, operation),
        {
          eventType: 'JOB_EXECUTION',
          eventId: randomUUID(),
          timestamp,
          operation,
          jobId: execution.job.jobId,
          thingArn: this.store.thingArn(thingName),
          status: execution.status,
          statusDetails: { ...execution.statusDetails },
        },
      ]);
    }
    return messages;
  }

  /** notify-next's execution: the data-plane shape, with the job document as a JSON object as over MQTT. */
  private nextExecution(execution: Execution): Record<string, unknown> {
    const shape = shapes.dataExecution(this.store, execution, false);
    return { ...shape, jobDocument: documentObject(execution.job.document) };
  }
}

function documentObject(document: string): unknown {
  try {
    return JSON.parse(document) as unknown;
  } catch {
    return document;
  }
}
