// Per-subscriber ordering: each execution's (executionNumber, versionNumber) may only go up.

/** The position of one state of one execution. */
export interface ExecutionVersion {
  executionNumber: number;
  /** Null when AWS did not say (then the state cannot be ordered and is never sent twice). */
  versionNumber: number | null;
}

/** Compares two versions: negative when a is older than b, 0 when equal, positive when newer. */
export function compareVersions(a: ExecutionVersion, b: ExecutionVersion): number {
  if (a.executionNumber !== b.executionNumber) return a.executionNumber - b.executionNumber;
  return (a.versionNumber ?? -1) - (b.versionNumber ?? -1);
}

/**
 * Lets a state through only when it is newer than the last one let through for the same execution
 * key (jobId + thingName): drops duplicates and stale, out-of-order states.
 */
export class VersionGate {
  private readonly last = new Map<string, ExecutionVersion>();

  /** `start` seeds one key, e.g. the version a client resumes after. */
  constructor(start?: { key: string; version: ExecutionVersion }) {
    if (start) this.last.set(start.key, start.version);
  }

  /** True (and remembered) when `version` is newer than what `key` last let through. */
  admit(key: string, version: ExecutionVersion): boolean {
    const previous = this.last.get(key);
    if (previous && compareVersions(version, previous) <= 0) return false;
    this.last.set(key, { ...version });
    return true;
  }
}
