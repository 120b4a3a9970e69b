// Scenario (d): the stub throttles a fraction of upstream calls; the SDK's retries must absorb
// them within maxAttempts while throughput stays close to the same-run clean figure.
import { configureStub, measureThroughput, record, type Session } from '../session.js';
import type { SubjectName } from '../subjects.js';
import { cancelBody, isCancelSuccess, isThrottled } from '../workload.js';
import { rotate } from './rotation.js';

export async function runThrottle(session: Session, run: number): Promise<void> {
  const { options } = session;
  for (const name of rotate(['B1', 'G'] as SubjectName[], run)) {
    for (const throttled of run % 2 ? [true, false] : [false, true]) {
      let typedThrottles = 0;
      await configureStub(session, { throttleProbability: throttled ? options.throttleProbability : 0 });
      try {
        const metrics = await measureThroughput(session, session.subjects[name]!, {
          connections: options.throttleConnections,
          body: (index) => cancelBody('bench-job-00', `throttle-${run}-${throttled ? 't' : 'c'}-${index}`),
          // A throttle that outlasts every retry is a correct typed answer, counted separately.
          verify: (body) => isCancelSuccess(body) || isThrottled(body),
          onBody: (body) => {
            if (isThrottled(body)) typedThrottles += 1;
          },
        });
        record(session, {
          scenario: 'throttle',
          subject: `${name}-${throttled ? 'throttled' : 'clean'}`,
          run,
          metrics: { ...metrics, typedThrottles },
        });
      } finally {
        await configureStub(session, { throttleProbability: 0 });
      }
    }
  }
}
