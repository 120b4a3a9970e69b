import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type GqlBody, type TestGateway } from '../support/gateway.js';
import { CANCEL_LEAN, DELETE, UPDATE_LEAN } from '../support/operations.js';

// The audit line of a successful change names the AWS request that made it (x-amzn-RequestId),
// the same id the upstream call's own log line reports.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({
    logLevel: 'debug',
    seed: seedWith([
      { jobId: 'j-cancel', thingName: 'dev-1' },
      { jobId: 'j-update', thingName: 'dev-2', status: 'IN_PROGRESS' },
      { jobId: 'j-delete', thingName: 'dev-3', status: 'SUCCEEDED' },
      { jobId: 'j-replay', thingName: 'dev-4' },
    ]),
  });
});
afterAll(() => gw?.close());
beforeEach(() => gw.emulator.resetCalls());

const auditLines = () => gw.logs().filter((line) => line.audit === true);
/** The request id the SDK reported for each successful upstream call of `command`, in order. */
const upstreamIds = (command: string) =>
  gw
    .logs()
    .filter((line: GqlBody) => line.msg === 'upstream call' && line.command === command)
    .map((line: GqlBody) => line.awsRequestId as string);

describe('audit upstreamRequestId on success', () => {
  it.each([
    ['cancelJobExecution', 'CancelJobExecution', CANCEL_LEAN, { jobId: 'j-cancel', thingName: 'dev-1' }],
    [
      'updateJobExecution',
      'UpdateJobExecution',
      UPDATE_LEAN,
      { jobId: 'j-update', thingName: 'dev-2', status: 'SUCCEEDED' },
    ],
    [
      'deleteJobExecution',
      'DeleteJobExecution',
      DELETE,
      { jobId: 'j-delete', thingName: 'dev-3', executionNumber: 1 },
    ],
  ] as const)(
    '%s records the AWS request id of the call that made the change',
    async (field, command, doc, input) => {
      const before = auditLines().length;
      const res = await gw.gql(doc, { input });
      expect(res.body.data[field].__typename).toMatch(/Success$/);
      const lines = auditLines().slice(before);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        operation: field,
        decision: 'allowed',
        outcome: res.body.data[field].__typename,
      });
      expect(lines[0]!.upstreamRequestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(upstreamIds(command)).toEqual([lines[0]!.upstreamRequestId]);
      // The id is for the audit trail only: the response does not carry it.
      expect(JSON.stringify(res.body)).not.toContain(lines[0]!.upstreamRequestId);
    },
  );

  it('replays the first outcome with its request id for a retried Idempotency-Key', async () => {
    const before = auditLines().length;
    const headers = { 'idempotency-key': 'audit-replay-1' };
    const input = { input: { jobId: 'j-replay', thingName: 'dev-4' } };
    await gw.gql(CANCEL_LEAN, input, headers);
    await gw.gql(CANCEL_LEAN, input, headers);
    const [first, replay] = auditLines().slice(before);
    expect(first!.upstreamRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(replay).toMatchObject({ replayed: true, upstreamRequestId: first!.upstreamRequestId });
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
  });
});
