// Scenario (c): 1,000 concurrent distinct cancels over pre-opened keep-alive connections (so the
// kernel's accept backlog is not what gets measured), against B1 and the gateway.
import { Agent } from 'node:http';
import { burst } from '../load/burst.js';
import { get } from '../load/httpClient.js';
import { record, resetStub, settle, stubStats, totalCalls, type Session } from '../session.js';
import type { SubjectName } from '../subjects.js';
import { openCpuWindow } from '../support/procStats.js';
import { cancelBody, isCancelSuccess } from '../workload.js';
import { rotate } from './rotation.js';

export async function runBurst(session: Session, run: number): Promise<void> {
  const size = session.options.burstSize;
  for (const name of rotate(['B1', 'G'] as SubjectName[], run)) {
    const target = session.subjects[name]!;
    const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: size });
    try {
      await Promise.all(Array.from({ length: size }, () => get(`${target.url}/healthz`, agent)));
      await settle(session);
      await resetStub(session);
      const warningsBefore = target.socketWarnings();
      const cpu = openCpuWindow({ subject: target.pid });
      const result = await burst(target.url, size, (index) => cancelBody('bench-job-00', `burst-${run}-${index}`), isCancelSuccess, agent);
      const used = cpu.close();
      // The SDK logs its socket warning from a timer: give it a moment to surface.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const upstream = await stubStats(session);
      record(session, {
        scenario: 'burst',
        subject: name,
        run,
        metrics: {
          makespanMs: result.makespanMs,
          p50Ms: result.p50 / 1_000,
          p99Ms: result.p99 / 1_000,
          errors: result.errors,
          socketWarnings: target.socketWarnings() - warningsBefore,
          upstreamCallsPerRequest: totalCalls(upstream) / size,
          cpuUsPerRequest: used.subject! / size,
        },
      });
    } finally {
      agent.destroy();
    }
  }
}
