// Scenario (a): cancelJobExecution, one upstream call. Throughput of B0, B1, BA (bare Apollo Server +
// the same SDK call) and the gateway, then 1-connection latency of each plus B2, the direct SDK call.
import { closedLoop } from '../load/closedLoop.js';
import { measureThroughput, record, upstreamCallsPerRequest, type Session } from '../session.js';
import { ENTRIES, SERVER_CORE, type SubjectName } from '../subjects.js';
import { runPinnedToCompletion } from '../support/children.js';
import { cancelBody, cancelBodyInlined, isCancelSuccess } from '../workload.js';
import { rotate } from './rotation.js';

const THROUGHPUT_SUBJECTS: SubjectName[] = ['B0', 'B1', 'BA', 'G'];

export async function runMutation(session: Session, run: number): Promise<void> {
  const body = (index: number): string => cancelBody('bench-job-00', `thing-${run}-${index}`);
  for (const name of rotate(THROUGHPUT_SUBJECTS, run)) {
    const metrics = await measureThroughput(session, session.subjects[name]!, {
      body,
      verify: isCancelSuccess,
    });
    metrics.upstreamCallsPerRequest = await upstreamCallsPerRequest(session, session.subjects[name]!, body);
    record(session, { scenario: 'mutation', subject: name, run, metrics });
  }
  // The same gateway when clients inline arguments: Apollo's document store never hits, so every
  // request pays parse + validate (what variables or persisted queries avoid).
  const inlined = (index: number): string => cancelBodyInlined('bench-job-00', `thing-${run}-${index}`);
  const missMetrics = await measureThroughput(session, session.subjects.G!, {
    body: inlined,
    verify: isCancelSuccess,
  });
  record(session, { scenario: 'mutation', subject: 'G-inlined', run, metrics: missMetrics });
  for (const name of rotate(['B2', ...THROUGHPUT_SUBJECTS] as const, run)) {
    const metrics = name === 'B2' ? await directSdk(session) : await oneConnection(session, name, body);
    record(session, { scenario: 'latency', subject: name, run, metrics });
  }
}

async function oneConnection(
  session: Session,
  name: SubjectName,
  body: (index: number) => string,
): Promise<Record<string, number>> {
  const { options } = session;
  const result = await closedLoop({
    url: session.subjects[name]!.url,
    body,
    verify: isCancelSuccess,
    durationMs: options.durationSec * 1_000,
    warmupMs: options.warmupSec * 1_000,
  });
  return { ...result };
}

// B2 runs in its own process on the server core, so it pays the same SDK cost on the same core as B1 and the gateway.
async function directSdk(session: Session): Promise<Record<string, number>> {
  const { options } = session;
  const stdout = await runPinnedToCompletion({
    name: 'B2',
    core: options.pin ? SERVER_CORE : undefined,
    entry: ENTRIES.B2,
    env: {
      ...session.env,
      BENCH_DURATION_MS: String(options.durationSec * 1_000),
      BENCH_WARMUP_MS: String(options.warmupSec * 1_000),
    },
  });
  const lastLine = stdout.trim().split('\n').at(-1) ?? '{}';
  return { ...(JSON.parse(lastLine) as Record<string, number>), errors: 0 };
}
