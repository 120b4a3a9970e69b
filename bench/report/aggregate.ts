// Turns per-run samples into medians with min–max, always pairing figures from the same run.
import type { Sample } from '../session.js';
import { spread, type Spread } from '../support/percentiles.js';

export function find(samples: readonly Sample[], scenario: string, subject: string): Sample[] {
  return samples.filter((sample) => sample.scenario === scenario && sample.subject === subject);
}

export function metricSpread(
  samples: readonly Sample[],
  scenario: string,
  subject: string,
  metric: string,
): Spread {
  return spread(find(samples, scenario, subject).map((sample) => sample.metrics[metric] ?? Number.NaN));
}

/** Combines two subjects' metric run by run (same-run baselines), then aggregates the results. */
export function pairedSpread(
  samples: readonly Sample[],
  scenario: string,
  [subjectA, subjectB]: [string, string],
  metric: string,
  combine: (a: number, b: number) => number,
  scenarioB = scenario,
): Spread {
  const values = find(samples, scenario, subjectA).map((a) => {
    const b = find(samples, scenarioB, subjectB).find((candidate) => candidate.run === a.run);
    return b ? combine(a.metrics[metric] ?? Number.NaN, b.metrics[metric] ?? Number.NaN) : Number.NaN;
  });
  return spread(values);
}

export const ratio = (a: number, b: number): number => a / b;
export const difference = (a: number, b: number): number => a - b;

export function formatSpread(value: Spread, digits = 2): string {
  if (value.runs === 0) return 'n/a';
  const fixed = (n: number): string =>
    n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return value.runs === 1 || value.min === value.max
    ? fixed(value.median)
    : `${fixed(value.median)} (${fixed(value.min)}–${fixed(value.max)})`;
}
