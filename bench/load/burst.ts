// Scenario (c): N distinct requests fired at once over N sockets, timed individually.
import type { Agent } from 'node:http';
import { summarizeLatencies, type LatencySummary } from '../support/percentiles.js';
import { post } from './httpClient.js';

export interface BurstResult extends LatencySummary {
  makespanMs: number;
  /** Answers that failed `verify` (transport errors included). */
  errors: number;
  /** Bodies `countAlso` matched, e.g. typed load-shedding answers. */
  counted: number;
}

/** `agent` should hold `size` warm keep-alive sockets so the burst measures the server, not TCP accept. */
export async function burst(
  url: string,
  size: number,
  body: (index: number) => string,
  verify: (body: string) => boolean,
  agent: Agent,
  countAlso: (body: string) => boolean = () => false,
): Promise<BurstResult> {
  const started = process.hrtime.bigint();
  const outcomes = await Promise.all(
    Array.from({ length: size }, async (_, index) => {
      const sent = process.hrtime.bigint();
      const [ok, counted] = await post(`${url}/graphql`, body(index), agent).then(
        (reply) => [reply.status === 200 && verify(reply.body), countAlso(reply.body)],
        () => [false, false],
      );
      return { us: Number(process.hrtime.bigint() - sent) / 1_000, ok, counted };
    }),
  );
  return {
    ...summarizeLatencies(outcomes.map((outcome) => outcome.us)),
    makespanMs: Number(process.hrtime.bigint() - started) / 1e6,
    errors: outcomes.filter((outcome) => !outcome.ok).length,
    counted: outcomes.filter((outcome) => outcome.counted).length,
  };
}
