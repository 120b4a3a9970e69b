import { type Clock } from './api.js';

/** Wall-clock time. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to, so timeout tests never wait. */
export class ManualClock implements Clock {
  private current: number;

  /** @param start epoch milliseconds; default Date.now(). */
  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}
