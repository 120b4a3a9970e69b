/**
 * The async iterator one subscription hands to graphql-js: events pushed in, read out in order. A client
 * that reads slower than events arrive does not grow memory without bound: past `maxBuffered`, an older
 * buffered state of the same execution is replaced (each event is a full object), else the oldest is dropped.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly readers: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void }[] = [];
  private done = false;
  private failure: unknown;
  /** Events dropped or replaced because the client read too slowly. */
  dropped = 0;

  constructor(
    private readonly options: {
      /** Identifies the execution an event is about, for replacing under pressure. */
      keyOf: (item: T) => string;
      /** Called once when the stream ends, whoever ends it. */
      onEnd: () => void;
      /** Default 100. */
      maxBuffered?: number;
    },
  ) {}

  push(item: T): void {
    if (this.done) return;
    const reader = this.readers.shift();
    if (reader) {
      reader.resolve({ value: item, done: false });
      return;
    }
    if (this.buffer.length >= (this.options.maxBuffered ?? 100)) {
      const key = this.options.keyOf(item);
      const same = this.buffer.findIndex((buffered) => this.options.keyOf(buffered) === key);
      this.buffer.splice(same === -1 ? 0 : same, 1);
      this.dropped += 1;
    }
    this.buffer.push(item);
  }

  /** Ends the stream with `error` once the buffered events are read. */
  fail(error: unknown): void {
    if (this.done) return;
    this.failure = error;
    this.end();
    if (this.buffer.length === 0) for (const reader of this.readers.splice(0)) reader.reject(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.done) {
      if (this.failure !== undefined) {
        const failure = this.failure;
        this.failure = undefined;
        return Promise.reject(failure instanceof Error ? failure : new Error('subscription failed'));
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => this.readers.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error('subscription ended by the consumer'));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    if (this.failure === undefined)
      for (const reader of this.readers.splice(0)) reader.resolve({ value: undefined, done: true });
    this.options.onEnd();
  }
}
