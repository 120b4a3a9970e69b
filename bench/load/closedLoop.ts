// The 1-connection latency client: one keep-alive socket, one request at a time, hrtime per
// request (autocannon reports whole milliseconds, too coarse for a ~1 ms path).
import { Agent } from 'node:http';
import { summarizeLatencies, type LatencySummary } from '../support/percentiles.js';
import { post } from './httpClient.js';

export interface ClosedLoopOptions {
  url: string;
  /** Builds the body of request i (distinct keys keep per-request counting possible). */
  body: (index: number) => string;
  /** Returns false for an unexpected answer, which is counted as an error. */
  verify: (body: string) => boolean;
  durationMs: number;
  warmupMs: number;
}

export interface ClosedLoopResult extends LatencySummary {
  rps: number;
  errors: number;
}

export async function closedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let index = 0;
  let errors = 0;
  const run = async (forMs: number, record: (us: number) => void): Promise<void> => {
    const until = Date.now() + forMs;
    while (Date.now() < until) {
      index += 1;
      const started = process.hrtime.bigint();
      const reply = await post(`${options.url}/graphql`, options.body(index), agent);
      const elapsed = Number(process.hrtime.bigint() - started) / 1_000;
      if (reply.status !== 200 || !options.verify(reply.body)) errors += 1;
      record(elapsed);
    }
  };
  try {
    await run(options.warmupMs, () => undefined);
    errors = 0;
    const samples: number[] = [];
    const started = process.hrtime.bigint();
    await run(options.durationMs, (us) => samples.push(us));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { ...summarizeLatencies(samples), rps: samples.length / seconds, errors };
  } finally {
    agent.destroy();
  }
}
