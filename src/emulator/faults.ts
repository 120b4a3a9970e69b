import { type EmulatedService, type FaultMode, type FaultSpec } from './api.js';
import { invalidRequest } from './errors.js';

export const FAULT_MODES: readonly FaultMode[] = [
  'throttle',
  'unavailable',
  'html500',
  'malformedJson',
  'reset',
  'delay',
  'applyThenReset',
];

export interface ActiveFault {
  operation: string;
  service?: EmulatedService;
  mode: FaultMode;
  remaining: number;
  delayMs: number;
  probability: number;
}

/** Checks a FaultSpec (possibly from JSON, where null count means unlimited) and fills its defaults. */
export function normalizeFault(input: unknown): ActiveFault {
  if (typeof input !== 'object' || input === null) throw invalidRequest('A fault must be a JSON object.');
  const spec = input as Record<keyof FaultSpec, unknown>;
  if (!FAULT_MODES.includes(spec.mode as FaultMode)) {
    throw invalidRequest(`mode must be one of ${FAULT_MODES.join(', ')}`);
  }
  const operation = spec.operation ?? '*';
  if (typeof operation !== 'string' || operation === '')
    throw invalidRequest('operation must be a non-empty string');
  if (spec.service !== undefined && spec.service !== 'iot' && spec.service !== 'iot-jobs-data') {
    throw invalidRequest("service must be 'iot' or 'iot-jobs-data'");
  }
  const count =
    spec.count === undefined ? 1 : spec.count === null || spec.count === 'Infinity' ? Infinity : spec.count;
  if (typeof count !== 'number' || !(count === Infinity || (Number.isInteger(count) && count >= 1))) {
    throw invalidRequest('count must be a positive integer, or null/Infinity for unlimited');
  }
  const delayMs = spec.delayMs ?? 1000;
  if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
    throw invalidRequest('delayMs must be a non-negative number');
  }
  const probability = spec.probability ?? 1;
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
    throw invalidRequest('probability must be between 0 and 1');
  }
  return {
    operation,
    mode: spec.mode as FaultMode,
    remaining: count,
    delayMs,
    probability,
    ...(spec.service === undefined ? {} : { service: spec.service }),
  };
}

/** Queued faults, applied to the next matching calls in injection order. */
export class FaultQueue {
  private faults: ActiveFault[] = [];

  add(spec: unknown): void {
    this.faults.push(normalizeFault(spec));
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault this call suffers, if any; consumes one of its count. */
  take(service: EmulatedService, operation: string): ActiveFault | undefined {
    if (this.faults.length === 0) return undefined;
    for (let i = 0; i < this.faults.length; i++) {
      const fault = this.faults[i]!;
      if (fault.operation !== '*' && fault.operation !== operation) continue;
      if (fault.service !== undefined && fault.service !== service) continue;
      if (fault.probability < 1 && Math.random() >= fault.probability) continue;
      fault.remaining--;
      if (fault.remaining <= 0) this.faults.splice(i, 1);
      return fault;
    }
    return undefined;
  }
}
