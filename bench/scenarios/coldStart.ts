// Scenario (e): process spawn to the first successful cancel (imports, config, SDK client
// creation and the first signed upstream call), for the gateway and for B1. G is the gateway as it
// ships (node dist/main.js, the bundle); G-tsx is `npm start` (TypeScript through tsx), for reference.
import { GATEWAY_SOURCE } from '../compile.js';
import { post } from '../load/httpClient.js';
import { record, type Session } from '../session.js';
import { ENTRIES, SERVER_CORE } from '../subjects.js';
import { freePort, spawnPinned, waitUntil } from '../support/children.js';
import { cancelBody, isCancelSuccess } from '../workload.js';
import { rotate } from './rotation.js';

export async function runColdStart(session: Session, run: number): Promise<void> {
  const subjects: [string, string][] = [
    ['B1', ENTRIES.B1],
    ['G', ENTRIES.G],
    ['G-tsx', GATEWAY_SOURCE],
  ];
  for (const [name, entry] of rotate(subjects, run)) {
    const port = await freePort();
    const started = process.hrtime.bigint();
    const child = await spawnPinned({
      name: `${name}-cold`,
      core: session.options.pin ? SERVER_CORE : undefined,
      entry,
      env: { ...session.env, PORT: String(port) },
    });
    try {
      const body = cancelBody('bench-job-00', `cold-${run}`);
      await waitUntil(
        async () => isCancelSuccess((await post(`${child.url}/graphql`, body)).body),
        30_000,
        5,
      );
      record(session, {
        scenario: 'coldstart',
        subject: name,
        run,
        metrics: { firstSuccessMs: Number(process.hrtime.bigint() - started) / 1e6 },
      });
    } catch (error) {
      throw new Error(`${name} cold start: ${(error as Error).message}\n${child.tail()}`, { cause: error });
    } finally {
      await child.stop();
    }
  }
}
