import { type EmulatedService, type RecordedCall } from './api.js';

/** Oldest calls are dropped beyond this many, so long benchmark runs cannot exhaust memory. */
export const MAX_RECORDED_CALLS = 100_000;

export class CallRecorder {
  private recorded: RecordedCall[] = [];

  /** Records a call at arrival; the returned record's status is filled in when the response goes out. */
  start(service: EmulatedService, operation: string, method: string, path: string): RecordedCall {
    const call: RecordedCall = { service, operation, method, path, status: 0 };
    this.recorded.push(call);
    if (this.recorded.length > MAX_RECORDED_CALLS * 1.1) {
      this.recorded.splice(0, this.recorded.length - MAX_RECORDED_CALLS);
    }
    return call;
  }

  list(filter: { operation?: string; service?: EmulatedService } = {}): RecordedCall[] {
    return this.recorded
      .filter(
        (c) =>
          (filter.operation === undefined || c.operation === filter.operation) &&
          (filter.service === undefined || c.service === filter.service),
      )
      .map((c) => ({ ...c }));
  }

  clear(): void {
    this.recorded = [];
  }
}
