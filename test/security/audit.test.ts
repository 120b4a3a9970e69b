import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAuditLog, type AuditRecord } from '../../src/security/audit.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('audit log', () => {
  it('writes one tagged line with every field of a mutation attempt', () => {
    const { logger, lines } = capture();
    const entry: AuditRecord = {
      requestId: 'req-1',
      caller: { sub: 'alice', clientId: 'mobile' },
      ip: '10.0.0.1',
      userAgent: 'app/1.0',
      operation: 'cancelJobExecution',
      thingName: 'dev-1',
      jobId: 'job-1',
      force: true,
      expectedVersion: 3,
      idempotencyKey: 'key-1',
      decision: 'allowed',
      rule: 'ops-fleet-a+ops-force',
      outcome: 'CancelJobExecutionSuccess',
      upstreamRequestId: 'aws-req-9',
      latencyMs: 12,
    };
    createAuditLog(logger).record(entry);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      audit: true,
      msg: 'audit',
      level: 30,
      requestId: 'req-1',
      callerSub: 'alice',
      callerClientId: 'mobile',
      operation: 'cancelJobExecution',
      thingName: 'dev-1',
      jobId: 'job-1',
      force: true,
      expectedVersion: 3,
      idempotencyKey: 'key-1',
      decision: 'allowed',
      rule: 'ops-fleet-a+ops-force',
      outcome: 'CancelJobExecutionSuccess',
      upstreamRequestId: 'aws-req-9',
      latencyMs: 12,
    });
    expect(typeof line.time).toBe('number');
  });

  it('drops anything that is not an audit field, such as a token passed by mistake', () => {
    const { logger, lines } = capture();
    const token = 'eyJhbGciOiJSUzI1NiJ9.secret.payload';
    const sloppy = {
      requestId: 'req-2',
      caller: { sub: 'bob', token },
      operation: 'deleteJobExecution',
      executionNumber: 2,
      decision: 'denied',
      reason: 'no rule grants delete on this thing',
      outcome: 'AccessDeniedError',
      latencyMs: 1,
      authorization: `Bearer ${token}`,
      headers: { authorization: `Bearer ${token}` },
    } as unknown as AuditRecord;
    createAuditLog(logger).record(sloppy);
    expect(JSON.stringify(lines)).not.toContain('secret');
    expect(lines[0]).toMatchObject({
      callerSub: 'bob',
      executionNumber: 2,
      decision: 'denied',
      outcome: 'AccessDeniedError',
    });
    expect(lines[0]).not.toHaveProperty('callerClientId');
  });
});
