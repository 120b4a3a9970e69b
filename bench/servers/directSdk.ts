// Baseline B2: sequential CancelJobExecution calls straight from the SDK, timed with hrtime; the
// gateway's 1-connection latency minus this is what the gateway adds. Prints one JSON line.
import { CancelJobExecutionCommand } from '@aws-sdk/client-iot';
import { summarizeLatencies } from '../support/percentiles.js';
import { createBenchClients } from './benchClients.js';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 1_000);
const clients = await createBenchClients();
const { control } = clients;

async function loop(forMs: number, record: (ns: bigint) => void): Promise<void> {
  const until = Date.now() + forMs;
  let index = 0;
  while (Date.now() < until) {
    index += 1;
    const started = process.hrtime.bigint();
    await control.send(
      new CancelJobExecutionCommand({ jobId: 'bench-job-00', thingName: `direct-${index}` }),
    );
    record(process.hrtime.bigint() - started);
  }
}

await loop(warmupMs, () => undefined);
const samples: number[] = [];
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
await loop(durationMs, (ns) => samples.push(Number(ns) / 1_000));
const elapsedUs = Number(process.hrtime.bigint() - started) / 1_000;
const cpu = process.cpuUsage(cpuBefore);
clients.destroy();
process.stdout.write(
  `${JSON.stringify({ ...summarizeLatencies(samples), rps: samples.length / (elapsedUs / 1e6), cpuUsPerRequest: (cpu.user + cpu.system) / samples.length })}\n`,
);
