// `npm run bench`: starts the stub upstream and every subject in child processes, runs the
// scenarios interleaved run by run, and prints a markdown report (see BENCHMARKS.md for the method).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { compileSubjects } from './compile.js';
import { parseOptions, type ScenarioName } from './options.js';
import { renderReport } from './report/markdown.js';
import { runBurst } from './scenarios/burst.js';
import { runColdStart } from './scenarios/coldStart.js';
import { runList } from './scenarios/list.js';
import { runMutation } from './scenarios/mutation.js';
import { runSoak } from './scenarios/soak.js';
import { runThrottle } from './scenarios/throttle.js';
import type { Session } from './session.js';
import { LOAD_CORE, startStub, startSubject, subjectEnv, type SubjectName } from './subjects.js';
import type { PinnedChild } from './support/children.js';

const PER_RUN: [ScenarioName, (session: Session, run: number) => Promise<void>][] = [
  ['mutation', runMutation],
  ['list', runList],
  ['burst', runBurst],
  ['throttle', runThrottle],
  ['coldstart', runColdStart],
];

const argv = process.argv.slice(2);
const options = parseOptions(argv);
const command = ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' ');
if (options.pin && cpus().length < 2) {
  console.error('fewer than 2 cores: running unpinned');
  options.pin = false;
}
if (options.pin) {
  // The orchestrator is the load generator: keep it (all its threads) on the stub's core.
  execFileSync('taskset', ['-a', '-pc', String(LOAD_CORE), String(process.pid)], { stdio: 'ignore' });
}

const children: PinnedChild[] = [];
const stopAll = (): Promise<unknown> => Promise.allSettled(children.splice(0).map((child) => child.stop()));
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

try {
  await compileSubjects();
  const stub = await startStub(options.pin);
  children.push(stub);
  const env = subjectEnv({ stubUrl: stub.url, logLevel: options.logLevel });
  const session: Session = { options, stub, env, subjects: {}, samples: [], notes: [] };
  for (const name of ['B0', 'B1', 'BA', 'BJ', 'G'] as SubjectName[]) {
    const profile =
      name === 'G' && options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
    const child = await startSubject(name, env, options.pin, profile);
    children.push(child);
    session.subjects[name] = child;
  }
  for (let run = 1; run <= options.runs; run += 1) {
    for (const [name, scenario] of PER_RUN) {
      if (!options.scenarios.includes(name)) continue;
      const before = session.samples.length;
      await scenario(session, run);
      for (const sample of session.samples.slice(before))
        progress(run, sample.scenario, sample.subject, sample.metrics);
    }
  }
  if (options.scenarios.includes('soak')) {
    const before = session.samples.length;
    await runSoak(session);
    for (const sample of session.samples.slice(before))
      progress(sample.run, sample.scenario, sample.subject, sample.metrics);
  }
  const report = renderReport(session, command);
  process.stdout.write(`${report}\n`);
  if (options.out) {
    const saved = {
      command,
      recordedAt: new Date().toISOString(),
      options,
      samples: session.samples,
      notes: session.notes,
    };
    writeFileSync(options.out, `${JSON.stringify(saved, null, 2)}\n`);
    writeFileSync(options.out.replace(/\.json$/, '') + '.md', `${report}\n`);
  }
} finally {
  await stopAll();
}

function progress(run: number, scenario: string, subject: string, metrics: Record<string, number>): void {
  const shown = [
    'rps',
    'p50',
    'p99',
    'p50Ms',
    'p99Ms',
    'makespanMs',
    'firstSuccessMs',
    'errors',
    'upstreamCallsPerRequest',
    'cpuUsPerRequest',
    'serverCorePct',
    'rssMiB',
  ]
    .filter((key) => metrics[key] !== undefined)
    .map((key) => `${key}=${Number(metrics[key]!.toFixed(2))}`);
  console.error(`[run ${run}] ${scenario} ${subject}: ${shown.join(' ')}`);
}
