import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { requestContextFactory } from '../../src/http/requestContext.js';
import { createLogger } from '../../src/logger.js';
import { loadConfig } from '../../src/config.js';
import { ANONYMOUS_CALLER } from '../../src/security/caller.js';
import type { GatewaySecurity } from '../../src/security/gatewaySecurity.js';
import type { RequestSecurity } from '../../src/security/requestSecurity.js';
import type { Upstream } from '../../src/upstream/index.js';
import { createDeadline } from '../../src/resilience/deadline.js';
import { scopeOf } from '../../src/observability/requestScope.js';

/** What Apollo Server does to the context of every operation (ApolloServer.ts, cloneObject). */
const cloneLikeApollo = <T extends object>(value: T): T =>
  Object.assign(Object.create(Object.getPrototypeOf(value) as object) as T, value);

function setup() {
  const logger = createLogger(loadConfig({ LOG_LEVEL: 'silent' }));
  const child = vi.spyOn(logger, 'child');
  const requestSecurity = { caller: ANONYMOUS_CALLER } as unknown as RequestSecurity;
  const forRequest = vi.fn(() => requestSecurity);
  const security = {
    deadline: () => createDeadline(60_000),
    forRequest,
  } as unknown as GatewaySecurity;
  const res = Object.assign(new EventEmitter(), { writableFinished: false }) as unknown as ServerResponse;
  const req = {
    headers: { 'user-agent': 'test' },
    socket: { remoteAddress: '127.0.0.1' },
  } as unknown as IncomingMessage;
  const build = requestContextFactory({
    security,
    upstream: {} as Upstream,
    logger,
    onUpstreamCall: () => undefined,
  });
  return { build, child, forRequest, req, res, requestSecurity };
}

describe('requestContextFactory', () => {
  it('builds the logger, loaders and security only when read, also on Apollo’s copy of the context', async () => {
    const { build, child, forRequest, req, res, requestSecurity } = setup();
    const context = cloneLikeApollo(await build({ req, res, requestId: 'req-1', caller: ANONYMOUS_CALLER }));
    expect(child).not.toHaveBeenCalled();
    expect(forRequest).not.toHaveBeenCalled();
    expect(context.requestId).toBe('req-1');

    expect(context.security).toBe(requestSecurity);
    expect(context.security).toBe(requestSecurity);
    expect(forRequest).toHaveBeenCalledTimes(1);
    expect(forRequest).toHaveBeenCalledWith(
      { headers: req.headers, ip: '127.0.0.1', caller: ANONYMOUS_CALLER },
      context.signal,
    );
    const loaders = context.loaders;
    expect(context.loaders).toBe(loaders);
    expect(context.log).toBe(context.log);
    expect(child).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledWith({ requestId: 'req-1' });
  });

  it('gives the SDK middleware the request scope without making the child logger for it', async () => {
    const { build, child, req, res } = setup();
    const context = await build({ req, res, requestId: 'req-4', caller: ANONYMOUS_CALLER });
    const scope = scopeOf(context.signal);
    expect(scope).toMatchObject({ requestId: 'req-4', logsDebug: false });
    // A successful call checks logsDebug and stops there: the logger is made only for a line to write.
    expect(child).not.toHaveBeenCalled();
    expect(scope!.log).toBe(context.log);
    expect(child).toHaveBeenCalledTimes(1);
  });

  it('aborts the signal when the client goes away before the answer, and not after it', async () => {
    const { build, req, res } = setup();
    const gone = await build({ req, res, requestId: 'req-2', caller: ANONYMOUS_CALLER });
    res.emit('close');
    expect(gone.signal.aborted).toBe(true);

    const finished = setup();
    Object.assign(finished.res, { writableFinished: true });
    const answered = await finished.build({
      req: finished.req,
      res: finished.res,
      requestId: 'req-3',
      caller: ANONYMOUS_CALLER,
    });
    finished.res.emit('close');
    expect(answered.signal.aborted).toBe(false);
  });
});
