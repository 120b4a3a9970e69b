/** Remembers recently seen message ids, bounded in count and age, to drop duplicate deliveries. */
export interface RecentIds {
  /** True the first time an id is seen within the window, false for a repeat. */
  firstSeen(id: string): boolean;
  readonly size: number;
}

export interface RecentIdsOptions {
  /** Most ids remembered; the oldest is forgotten first. Default 10_000. */
  maxEntries?: number;
  /** How long an id is remembered; default 600_000 ms (AWS redelivers within minutes). */
  ttlMs?: number;
  /** Time source; default Date.now. */
  now?: () => number;
}

export function createRecentIds(options: RecentIdsOptions = {}): RecentIds {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 600_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so the first entries are always the oldest.
  const seenAt = new Map<string, number>();
  const evict = (at: number) => {
    for (const [id, time] of seenAt) {
      if (seenAt.size <= maxEntries && at - time < ttlMs) break;
      seenAt.delete(id);
    }
  };
  return {
    firstSeen(id) {
      const at = now();
      evict(at);
      if (seenAt.has(id)) return false;
      seenAt.set(id, at);
      evict(at);
      return true;
    },
    get size() {
      return seenAt.size;
    },
  };
}
