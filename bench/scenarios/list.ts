// Scenario (b): 100 executions of a thing with nested job fields, against the hand-written
// node:http + SDK list (B1's list route: 1 List + 1 DescribeJob per distinct job), with bare Apollo
// Server making the same calls (BA) and the same executing through graphql-jit (BJ) for reference.
import { post } from '../load/httpClient.js';
import { measureThroughput, record, upstreamCallsPerRequest, type Session } from '../session.js';
import type { SubjectName } from '../subjects.js';
import { isListSuccess, listBody } from '../workload.js';
import { rotate } from './rotation.js';

export async function runList(session: Session, run: number): Promise<void> {
  const gatewayReady = await gatewayServesList(session);
  const subjects: SubjectName[] = gatewayReady ? ['B1', 'BA', 'BJ', 'G'] : ['B1', 'BA', 'BJ'];
  const body = (index: number): string => listBody(`thing-${index % 50}`);
  for (const name of rotate(subjects, run)) {
    const metrics = await measureThroughput(session, session.subjects[name]!, {
      body,
      verify: isListSuccess,
    });
    metrics.upstreamCallsPerRequest = await upstreamCallsPerRequest(session, session.subjects[name]!, body);
    record(session, { scenario: 'list', subject: name, run, metrics });
  }
}

/** The read side may not exist yet: then the scenario is reported as pending. */
async function gatewayServesList(session: Session): Promise<boolean> {
  const reply = await post(`${session.subjects.G!.url}/graphql`, listBody('thing-probe'));
  const ok = reply.status === 200 && isListSuccess(reply.body);
  const note = `list: the gateway does not serve the read-side query yet (HTTP ${reply.status}: ${reply.body.slice(0, 160)}); scenario (b) pending`;
  if (!ok && !session.notes.includes(note)) session.notes.push(note);
  return ok;
}
