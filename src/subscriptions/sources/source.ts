/** Where a replica hears about job-execution changes: an MQTT connection or the embedded emulator. */
export interface JobEventSource {
  /** For logs, e.g. 'mqtt mqtt://127.0.0.1:1883'. */
  readonly name: string;
  /** Starts delivering messages; `onResync` runs after a reconnect, when messages may have been missed. */
  start(handlers: JobEventHandlers): void;
  /** Resolves once the source delivers (first subscription acknowledged); never rejects. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface JobEventHandlers {
  onMessage(topic: string, payload: Uint8Array | string): void;
  onResync(): void;
}

/** What the embedded emulator offers in-process (src/emulator/api.ts `onJobEvent`). */
export interface InProcessJobEventFeed {
  onJobEvent(listener: (topic: string, payload: string) => void): () => void;
}

export function isInProcessJobEventFeed(value: unknown): value is InProcessJobEventFeed {
  return typeof (value as Partial<InProcessJobEventFeed> | null)?.onJobEvent === 'function';
}

/** The emulator's own feed: no broker, no loss, same topics and payloads. */
export function createInProcessSource(feed: InProcessJobEventFeed): JobEventSource {
  let stop: (() => void) | undefined;
  return {
    name: 'in-process emulator feed',
    start(handlers) {
      stop = feed.onJobEvent((topic, payload) => handlers.onMessage(topic, payload));
    },
    ready: () => Promise.resolve(),
    async close() {
      stop?.();
    },
  };
}
