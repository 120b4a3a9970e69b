// Scenario (f): a fresh gateway under a constant rate (a fraction of its measured maximum) for
// five equal windows; memory and p99 of the last window are compared with the first. RSS is read
// every second: a window's figure is the median of its readings, since one reading lands anywhere in
// the garbage collector's cycle (a heap that breathes by 10-15% between collections).
import { throughput } from '../load/throughput.js';
import { record, type Session } from '../session.js';
import { startSubject } from '../subjects.js';
import { spread } from '../support/percentiles.js';
import { rssKiB } from '../support/procStats.js';
import { cancelBody, isCancelSuccess } from '../workload.js';

const WINDOWS = 5;

export async function runSoak(session: Session): Promise<void> {
  const { options } = session;
  const maxRps = await gatewayMaxRps(session);
  const rate = Math.round(maxRps * options.soakLoad);
  session.notes.push(
    `soak: ${WINDOWS} × ${options.soakSec / WINDOWS} s at ${rate} req/s (${options.soakLoad} × ${Math.round(maxRps)} req/s measured), ${options.connections} connections`,
  );
  const gateway = await startSubject('G', session.env, options.pin);
  try {
    const rssAtStartKiB = rssKiB(gateway.pid);
    let index = 0;
    const windows: Record<string, number>[] = [];
    for (let window = 1; window <= WINDOWS; window += 1) {
      const readings: number[] = [];
      const sampler = setInterval(() => readings.push(rssKiB(gateway.pid) / 1_024), 1_000);
      const result = await throughput({
        url: gateway.url,
        connections: options.connections,
        durationSec: options.soakSec / WINDOWS,
        overallRate: rate,
        body: () => cancelBody('bench-job-00', `soak-${(index += 1)}`),
        verify: isCancelSuccess,
      });
      clearInterval(sampler);
      const metrics = {
        rps: result.rps,
        p50Ms: result.latencyP50Ms,
        p99Ms: result.latencyP99Ms,
        errors: result.errors + result.non2xx + result.mismatches + result.timeouts,
        rssMiB: spread(readings).median,
        rssEndMiB: rssKiB(gateway.pid) / 1_024,
        socketWarnings: gateway.socketWarnings(),
      };
      windows.push(metrics);
      record(session, { scenario: 'soak', subject: `window-${window}`, run: window, metrics });
    }
    const first = windows[0]!;
    const last = windows.at(-1)!;
    record(session, {
      scenario: 'soak',
      subject: 'summary',
      run: 0,
      metrics: {
        rssAtStartMiB: rssAtStartKiB / 1_024,
        rssGrowthPct: (100 * (last.rssMiB! - first.rssMiB!)) / first.rssMiB!,
        // The single end-of-window reading of earlier rounds, kept for comparison.
        rssEndGrowthPct: (100 * (last.rssEndMiB! - first.rssEndMiB!)) / first.rssEndMiB!,
        p99LastOverFirst: last.p99Ms! / first.p99Ms!,
        p99WorstOverFirst: Math.max(...windows.map((w) => w.p99Ms!)) / first.p99Ms!,
        errors: windows.reduce((sum, w) => sum + w.errors!, 0),
        socketWarnings: gateway.socketWarnings(),
      },
    });
  } finally {
    await gateway.stop();
  }
}

/** The gateway's median mutation throughput of this session, or a short probe when scenario (a) did not run. */
async function gatewayMaxRps(session: Session): Promise<number> {
  const measured = spread(
    session.samples.filter((s) => s.scenario === 'mutation' && s.subject === 'G').map((s) => s.metrics.rps!),
  );
  if (measured.runs > 0) return measured.median;
  const probe = await throughput({
    url: session.subjects.G!.url,
    connections: session.options.connections,
    durationSec: Math.max(3, session.options.durationSec / 2),
    body: (index) => cancelBody('bench-job-00', `probe-${index}`),
    verify: isCancelSuccess,
  });
  return probe.rps;
}
