// Scenario (c): 1,000 concurrent distinct cancels over pre-opened keep-alive connections (so the
// kernel's accept backlog is not what gets measured), against B1 and the gateway. The gateway is
// also burst once per run with its default bulkhead (100 running + 1,000 queued upstream calls), which
// sheds anything beyond with a typed ServiceUnavailableError by design.
import { Agent } from 'node:http';
import { burst } from '../load/burst.js';
import { get } from '../load/httpClient.js';
import { record, resetStub, settle, stubStats, totalCalls, type Session } from '../session.js';
import { startSubject } from '../subjects.js';
import type { PinnedChild } from '../support/children.js';
import { openCpuWindow } from '../support/procStats.js';
import { cancelBody, isCancelSuccess } from '../workload.js';
import { rotate } from './rotation.js';

const isShed = (body: string): boolean => body.includes('"ServiceUnavailableError"');

export async function runBurst(session: Session, run: number): Promise<void> {
  for (const name of rotate(['B1', 'G'] as const, run))
    await burstOnce(session, run, name, session.subjects[name]!);
  const { UPSTREAM_MAX_QUEUE: _raised, ...defaults } = session.env;
  const gateway = await startSubject('G', defaults, session.options.pin);
  try {
    await burstOnce(session, run, 'G-default-bulkhead', gateway);
  } finally {
    await gateway.stop();
  }
}

async function burstOnce(session: Session, run: number, subject: string, target: PinnedChild): Promise<void> {
  const size = session.options.burstSize;
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: size });
  try {
    await Promise.all(Array.from({ length: size }, () => get(`${target.url}/healthz`, agent)));
    await settle(session);
    await resetStub(session);
    const warningsBefore = target.socketWarnings();
    const cpu = openCpuWindow({ subject: target.pid });
    const result = await burst(
      target.url,
      size,
      (index) => cancelBody('bench-job-00', `burst-${run}-${index}`),
      isCancelSuccess,
      agent,
      isShed,
    );
    const used = cpu.close();
    // The SDK logs its socket warning from a timer: give it a moment to surface.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const upstream = await stubStats(session);
    record(session, {
      scenario: 'burst',
      subject,
      run,
      metrics: {
        makespanMs: result.makespanMs,
        p50Ms: result.p50 / 1_000,
        p99Ms: result.p99 / 1_000,
        errors: result.errors,
        shed: result.counted,
        socketWarnings: target.socketWarnings() - warningsBefore,
        upstreamCallsPerRequest: totalCalls(upstream) / size,
        cpuUsPerRequest: used.subject! / size,
      },
    });
  } finally {
    agent.destroy();
  }
}
