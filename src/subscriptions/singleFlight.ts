/**
 * Runs at most one task per key at a time. A request made while the key's task runs is answered by one
 * more run that starts after it (however many requests came in meanwhile), so every caller gets a result
 * at least as fresh as its request, and a burst of events costs two reads, not one per event.
 */
export interface SingleFlight<T> {
  run(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running now. */
  readonly active: number;
}

interface Flight<T> {
  again: boolean;
  waiting: { resolve(value: T): void; reject(error: unknown): void }[];
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const flights = new Map<string, Flight<T>>();

  async function loop(key: string, task: () => Promise<T>, flight: Flight<T>, first: Flight<T>['waiting']) {
    let waiters = first;
    for (;;) {
      try {
        const value = await task();
        for (const w of waiters) w.resolve(value);
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
      if (!flight.again) break;
      flight.again = false;
      waiters = flight.waiting;
      flight.waiting = [];
    }
    flights.delete(key);
  }

  return {
    run(key, task) {
      return new Promise<T>((resolve, reject) => {
        const running = flights.get(key);
        if (running) {
          running.again = true;
          running.waiting.push({ resolve, reject });
          return;
        }
        const flight: Flight<T> = { again: false, waiting: [] };
        flights.set(key, flight);
        void loop(key, task, flight, [{ resolve, reject }]);
      });
    },
    get active() {
      return flights.size;
    },
  };
}
