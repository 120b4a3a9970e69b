// The markdown report: a target table (ratios against same-run baselines) and one detail table
// per scenario. Every cell is "median (min–max)" over the interleaved runs.
import type { Session } from '../session.js';
import { UNIQUE_JOBS } from '../workload.js';
import { difference, find, formatSpread, metricSpread, pairedSpread, ratio } from './aggregate.js';
import { describeEnvironment } from './environment.js';
import type { Spread } from '../support/percentiles.js';

/** What a report needs from a session; a saved results file has the same shape. */
export type Report = Pick<Session, 'options' | 'samples' | 'notes'>;

type Verdict = 'met' | 'NOT met' | 'pending' | 'reported';

interface TargetRow {
  scenario: string;
  target: string;
  measured: string;
  verdict: Verdict;
}

/** `pass` null marks a figure reported for context, with no target. */
const verdict = (value: Spread, pass: ((median: number) => boolean) | null): Verdict =>
  value.runs === 0 ? 'pending' : pass === null ? 'reported' : pass(value.median) ? 'met' : 'NOT met';

function targetRows(session: Report): TargetRow[] {
  const { samples, options } = session;
  const rows: TargetRow[] = [];
  const add = (
    scenario: string,
    target: string,
    value: Spread,
    pass: ((median: number) => boolean) | null,
    digits = 2,
    unit = '',
  ): void => {
    rows.push({
      scenario,
      target,
      measured: `${formatSpread(value, digits)}${unit}`,
      verdict: verdict(value, pass),
    });
  };
  const sumOver = (scenario: string, subject: string, metric: string): Spread => {
    const values = find(samples, scenario, subject).map((s) => s.metrics[metric] ?? 0);
    const total = values.reduce((sum, value) => sum + value, 0);
    return { median: total, min: total, max: total, runs: values.length ? 1 : 0 };
  };

  add(
    '(a) cancel',
    'throughput G / B1 ≥ 0.90',
    pairedSpread(samples, 'mutation', ['G', 'B1'], 'rps', ratio),
    (m) => m >= 0.9,
  );
  add(
    '(a) cancel',
    'reference: bare Apollo Server + the same SDK call, BA / B1 (reported)',
    pairedSpread(samples, 'mutation', ['BA', 'B1'], 'rps', ratio),
    null,
  );
  add(
    '(a) cancel',
    'what the gateway adds to Apollo: G / BA (reported)',
    pairedSpread(samples, 'mutation', ['G', 'BA'], 'rps', ratio),
    null,
  );
  add(
    '(a) cancel',
    'p50 added over B2 at 1 connection ≤ 300 µs',
    pairedSpread(samples, 'latency', ['G', 'B2'], 'p50', difference),
    (m) => m <= 300,
    0,
    ' µs',
  );
  add(
    '(a) cancel',
    'p99 added over B2 at 1 connection (reported)',
    pairedSpread(samples, 'latency', ['G', 'B2'], 'p99', difference),
    null,
    0,
    ' µs',
  );
  add(
    '(a) cancel',
    'document-store misses: G-inlined / G throughput (reported)',
    pairedSpread(samples, 'mutation', ['G-inlined', 'G'], 'rps', ratio),
    null,
  );
  add(
    '(a) cancel',
    'upstream calls per request = 1',
    metricSpread(samples, 'mutation', 'G', 'upstreamCallsPerRequest'),
    (m) => Math.abs(m - 1) < 0.01,
  );
  add(
    '(b) list of 100',
    'throughput G / hand-written node:http + SDK ≥ 0.80',
    pairedSpread(samples, 'list', ['G', 'B1'], 'rps', ratio),
    (m) => m >= 0.8,
  );
  add(
    '(b) list of 100',
    'reference: bare Apollo Server + the same SDK calls, BA / B1 (reported)',
    pairedSpread(samples, 'list', ['BA', 'B1'], 'rps', ratio),
    null,
  );
  add(
    '(b) list of 100',
    'reference: the same through graphql-jit, BJ / B1 (reported)',
    pairedSpread(samples, 'list', ['BJ', 'B1'], 'rps', ratio),
    null,
  );
  add(
    '(b) list of 100',
    'what the gateway adds to Apollo: G / BA (reported)',
    pairedSpread(samples, 'list', ['G', 'BA'], 'rps', ratio),
    null,
  );
  add(
    '(b) list of 100',
    `upstream calls per request = 1 + ${UNIQUE_JOBS}`,
    metricSpread(samples, 'list', 'G', 'upstreamCallsPerRequest'),
    (m) => Math.abs(m - (1 + UNIQUE_JOBS)) < 0.01,
  );
  add(
    '(c) burst',
    `errors in ${options.burstSize} concurrent cancels = 0 (all runs)`,
    sumOver('burst', 'G', 'errors'),
    (m) => m === 0,
    0,
  );
  add(
    '(c) burst',
    'SDK socket-capacity warnings = 0 (all runs)',
    sumOver('burst', 'G', 'socketWarnings'),
    (m) => m === 0,
    0,
  );
  add(
    '(c) burst',
    'makespan G / B1 (reported)',
    pairedSpread(samples, 'burst', ['G', 'B1'], 'makespanMs', ratio),
    null,
  );
  add(
    '(d) 10% throttled',
    'throughput throttled / clean ≥ 0.80',
    pairedSpread(samples, 'throttle', ['G-throttled', 'G-clean'], 'rps', ratio),
    (m) => m >= 0.8,
  );
  add(
    '(d) 10% throttled',
    'attempts per cancel ≤ maxAttempts (3)',
    maxOver(session, 'throttle', 'G-throttled', 'maxCancelAttemptsPerKey'),
    (m) => m <= 3,
    0,
  );
  // G is what ships (node dist/main.js); G-tsx (npm start) is reported beside it.
  add(
    '(e) cold start',
    'spawn → first successful cancel ≤ 1,000 ms (node dist/main.js)',
    metricSpread(samples, 'coldstart', 'G', 'firstSuccessMs'),
    (m) => m <= 1_000,
    0,
    ' ms',
  );
  add(
    '(f) soak',
    'RSS growth, last window vs first < 10% (median of 1 s readings per window)',
    metricSpread(samples, 'soak', 'summary', 'rssGrowthPct'),
    (m) => m < 10,
    1,
    ' %',
  );
  add(
    '(f) soak',
    'RSS growth with one reading at the end of each window, as in rounds 1-3 (reported)',
    metricSpread(samples, 'soak', 'summary', 'rssEndGrowthPct'),
    null,
    1,
    ' %',
  );
  add(
    '(f) soak',
    'p99 last window / first ≤ 1.5',
    metricSpread(samples, 'soak', 'summary', 'p99LastOverFirst'),
    (m) => m <= 1.5,
  );
  add('(f) soak', 'errors = 0', metricSpread(samples, 'soak', 'summary', 'errors'), (m) => m === 0, 0);
  return rows;
}

function maxOver(session: Report, scenario: string, subject: string, metric: string): Spread {
  const values = find(session.samples, scenario, subject).map((s) => s.metrics[metric] ?? Number.NaN);
  const max = Math.max(...values);
  return { median: max, min: max, max, runs: values.length ? 1 : 0 };
}

interface Column {
  title: string;
  metric: string;
  digits: number;
}

const THROUGHPUT_COLUMNS: Column[] = [
  { title: 'req/s', metric: 'rps', digits: 0 },
  { title: 'p50 ms', metric: 'p50Ms', digits: 0 },
  { title: 'p99 ms', metric: 'p99Ms', digits: 0 },
  { title: 'server CPU µs/req', metric: 'cpuUsPerRequest', digits: 0 },
  { title: 'upstream calls/req', metric: 'upstreamCallsPerRequest', digits: 2 },
  { title: 'errors', metric: 'errors', digits: 0 },
  { title: 'server core %', metric: 'serverCorePct', digits: 0 },
  { title: 'load+stub core %', metric: 'loadCorePct', digits: 0 },
];

function table(session: Report, scenario: string, subjects: string[], columns: Column[]): string[] {
  const present = subjects.filter((subject) => find(session.samples, scenario, subject).length > 0);
  if (present.length === 0) return ['(not run)'];
  return [
    `| Subject | ${columns.map((c) => c.title).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
    ...present.map(
      (subject) =>
        `| ${subject} | ${columns.map((c) => formatSpread(metricSpread(session.samples, scenario, subject, c.metric), c.digits)).join(' | ')} |`,
    ),
  ];
}

export function renderReport(session: Report, command: string, recordedAt?: Date): string {
  const rows = targetRows(session);
  const lines = [
    '## Environment',
    '',
    ...describeEnvironment(command, recordedAt),
    `- Runs: ${session.options.runs} interleaved, ${session.options.durationSec} s windows after ${session.options.warmupSec} s warm-up, ${session.options.connections} connections (throttled: ${session.options.throttleConnections}), servers pinned: ${session.options.pin}`,
    '',
    '## Targets',
    '',
    '| Scenario | Target | Measured: median (min–max) | Verdict |',
    '|---|---|---:|---|',
    ...rows.map((row) => `| ${row.scenario} | ${row.target} | ${row.measured} | ${row.verdict} |`),
    '',
    '## (a) cancelJobExecution: throughput',
    '',
    ...table(session, 'mutation', ['B0', 'B1', 'BA', 'G', 'G-inlined'], THROUGHPUT_COLUMNS),
    '',
    '## (a) cancelJobExecution: 1 connection, closed loop (µs)',
    '',
    ...table(
      session,
      'latency',
      ['B2', 'B0', 'B1', 'BA', 'G'],
      [
        { title: 'p50 µs', metric: 'p50', digits: 0 },
        { title: 'p90 µs', metric: 'p90', digits: 0 },
        { title: 'p99 µs', metric: 'p99', digits: 0 },
        { title: 'req/s', metric: 'rps', digits: 0 },
        { title: 'errors', metric: 'errors', digits: 0 },
      ],
    ),
    '',
    '## (b) list of 100 executions with nested job (B1 = hand-written node:http + SDK)',
    '',
    ...table(session, 'list', ['B1', 'BA', 'BJ', 'G'], THROUGHPUT_COLUMNS),
    '',
    `## (c) burst of ${session.options.burstSize} concurrent distinct cancels`,
    '',
    ...table(
      session,
      'burst',
      ['B1', 'G', 'G-default-bulkhead'],
      [
        { title: 'makespan ms', metric: 'makespanMs', digits: 0 },
        { title: 'p50 ms', metric: 'p50Ms', digits: 0 },
        { title: 'p99 ms', metric: 'p99Ms', digits: 0 },
        { title: 'not successful', metric: 'errors', digits: 0 },
        { title: 'shed (ServiceUnavailableError)', metric: 'shed', digits: 0 },
        { title: 'socket warnings', metric: 'socketWarnings', digits: 0 },
        { title: 'upstream calls/req', metric: 'upstreamCallsPerRequest', digits: 2 },
        { title: 'server CPU µs/req', metric: 'cpuUsPerRequest', digits: 0 },
      ],
    ),
    '',
    `## (d) ${session.options.throttleProbability * 100}% of upstream calls throttled`,
    '',
    ...table(
      session,
      'throttle',
      ['B1-clean', 'B1-throttled', 'G-clean', 'G-throttled'],
      [
        ...THROUGHPUT_COLUMNS,
        { title: 'typed ThrottlingError answers', metric: 'typedThrottles', digits: 0 },
        { title: 'max attempts per cancel', metric: 'maxCancelAttemptsPerKey', digits: 0 },
      ],
    ),
    '',
    '## (e) cold start: spawn → first successful cancel (ms)',
    '',
    ...table(
      session,
      'coldstart',
      ['B1', 'G', 'G-tsx'],
      [{ title: 'ms', metric: 'firstSuccessMs', digits: 0 }],
    ),
    '',
    '## (f) soak',
    '',
    ...table(
      session,
      'soak',
      ['window-1', 'window-2', 'window-3', 'window-4', 'window-5'],
      [
        { title: 'req/s', metric: 'rps', digits: 0 },
        { title: 'p50 ms', metric: 'p50Ms', digits: 0 },
        { title: 'p99 ms', metric: 'p99Ms', digits: 0 },
        { title: 'errors', metric: 'errors', digits: 0 },
        { title: 'RSS MiB (median of 1 s readings)', metric: 'rssMiB', digits: 1 },
        { title: 'RSS MiB at the end', metric: 'rssEndMiB', digits: 1 },
      ],
    ),
    '',
    ...(session.notes.length ? ['## Notes', '', ...session.notes.map((note) => `- ${note}`), ''] : []),
  ];
  return lines.join('\n');
}
