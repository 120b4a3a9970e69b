import { type EmulatedService } from './api.js';
import { type CallRecorder } from './calls.js';
import { EmulatorError, invalidRequest } from './errors.js';
import { type FaultQueue } from './faults.js';
import { parseBody } from './wire/request.js';

/** Reserved path prefix for the emulator's own controls; no AWS API path starts with it. */
export const ADMIN_PREFIX = '/__emulator';

export interface AdminContext {
  faults: FaultQueue;
  calls: CallRecorder;
  reset(): void;
  /** Loads 'demo' or inline seed data. */
  seed(seed: unknown): Promise<void>;
}

/** Serves /__emulator/*: unsigned, unrecorded, never subject to faults. Returns status and JSON body. */
export async function handleAdmin(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  bodyText: string,
  context: AdminContext,
): Promise<{ status: number; body: unknown }> {
  const route = `${method} ${rawPath.slice(ADMIN_PREFIX.length).replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /health':
      return ok({ status: 'ok' });
    case 'POST /faults':
      context.faults.add(parseBody(bodyText));
      return ok({ ok: true });
    case 'DELETE /faults':
      context.faults.clear();
      return ok({ ok: true });
    case 'POST /reset':
      context.reset();
      return ok({ ok: true });
    case 'GET /calls': {
      const operation = query.get('operation') ?? undefined;
      const service = (query.get('service') ?? undefined) as EmulatedService | undefined;
      return ok({
        calls: context.calls.list({
          ...(operation === undefined ? {} : { operation }),
          ...(service === undefined ? {} : { service }),
        }),
      });
    }
    case 'DELETE /calls':
      context.calls.clear();
      return ok({ ok: true });
    case 'POST /seed': {
      const body = parseBody(bodyText);
      if ('seed' in body) {
        if (body.seed === 'none') return ok({ ok: true });
        if (body.seed !== 'demo')
          throw invalidRequest("Over HTTP, seed is 'demo', 'none' or inline seed data.");
        await context.seed('demo');
      } else {
        await context.seed(body);
      }
      return ok({ ok: true });
    }
    default:
      throw new EmulatorError('NotFound', 404, `No emulator admin route ${method} ${rawPath}`);
  }
}

const ok = (body: unknown): { status: number; body: unknown } => ({ status: 200, body });
