import type { MiddlewareStack } from '@smithy/types';
import type { CallSignal } from './signal.js';

// `client.send(command, { abortSignal })` bypasses `cacheMiddleware: true`: the SDK reuses its
// resolved middleware stack only for option-less sends and otherwise rebuilds it on every call
// (measured: ~25% more SDK CPU per call). This module keeps every send option-less while the signal
// still ends the call (also during a retry backoff) and destroys its HTTP request when it fires.
//
// A request's calls share its one signal. Instead of each call adding and removing listeners on it
// (twice: once for the call, once in the HTTP handler), the signal gets one listener for all of them,
// and each call carries a small record of its own to the HTTP handler.

interface HttpHandlerLike {
  handle(request: object, options?: { abortSignal?: unknown }): Promise<unknown>;
}

/** The parts of an SDK v3 client this module touches (IoTClient and IoTJobsDataPlaneClient both fit). */
export interface AbortableClient {
  send(command: object, options?: unknown, callback?: unknown): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any SDK client's stack
  middlewareStack: MiddlewareStack<any, any>;
  config: { requestHandler: unknown };
}

/**
 * One send made with a signal. It is also the abort signal its HTTP requests get: the handler reads
 * `aborted` and `reason` and listens for 'abort', which fires only for this call.
 */
class UpstreamCall {
  aborted = false;
  reason: unknown = undefined;
  onabort: (() => void) | null = null;
  /** Rejects the caller's promise at once, whatever the SDK is doing (sending, or waiting to retry). */
  fail: ((error: Error) => void) | undefined = undefined;
  private listener: (() => void) | undefined = undefined;

  constructor(readonly signal: CallSignal) {}

  addEventListener(type: string, listener: () => void): void {
    if (type === 'abort') this.listener = listener;
  }

  removeEventListener(type: string, listener: () => void): void {
    if (type === 'abort' && this.listener === listener) this.listener = undefined;
  }

  abort(): void {
    this.aborted = true;
    this.reason = this.signal.reason;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
    this.onabort?.();
    this.fail?.(abortError(this.signal));
  }
}

// Set on the command input (which the SDK passes through the middleware chain by identity) and on
// each signed request. A symbol key is invisible to the SDK's serializers, which read named members.
const CALL = Symbol('gatewayUpstreamCall');
type Carrier = { [CALL]?: UpstreamCall };

// The calls in flight on a signal, kept on the signal itself (a WeakMap keyed by one signal per
// request costs every garbage collection), and the one listener that aborts them all.
const CALLS = Symbol('gatewayUpstreamCalls');
type TrackingSignal = CallSignal & { [CALLS]?: Set<UpstreamCall> };
const wrappedHandlers = new WeakSet<object>();

function callsOf(signal: TrackingSignal): Set<UpstreamCall> {
  let calls = signal[CALLS];
  if (calls === undefined) {
    const inFlight = new Set<UpstreamCall>();
    calls = inFlight;
    signal[CALLS] = inFlight;
    signal.addEventListener(
      'abort',
      () => {
        for (const call of inFlight) call.abort();
        inFlight.clear();
      },
      { once: true },
    );
  }
  return calls;
}

/** The abort signal a send carried beside this command input, if any. */
export function signalOf(input: object): CallSignal | undefined {
  return (input as Carrier)[CALL]?.signal;
}

/**
 * Makes `client.send(command, { abortSignal })` run on the cached middleware stack with the same
 * abort behaviour: the call rejects with an AbortError as soon as the signal fires (even during a
 * retry backoff) and an in-flight HTTP request is destroyed. Other options pass through.
 * Call once per client, before its first send.
 */
export function sendAbortablyFromCache<C extends AbortableClient>(client: C): C {
  wrapHandler(client.config.requestHandler as HttpHandlerLike);
  // Innermost deserialize middleware: its `args.request` is exactly what the HTTP handler receives,
  // once per attempt.
  client.middlewareStack.add(
    (next) => (args: { input: Carrier; request: unknown }) => {
      const call = args.input[CALL];
      if (call !== undefined && typeof args.request === 'object' && args.request !== null)
        (args.request as Carrier)[CALL] = call;
      return next(args);
    },
    { step: 'deserialize', priority: 'low', name: 'gatewayAbortSignalHandoff', override: true },
  );
  const send = client.send.bind(client);
  client.send = (command: object, options?: unknown, callback?: unknown) => {
    const signal = callback === undefined ? signalOnly(options) : undefined;
    if (signal === undefined) return send(command, options, callback);
    if (signal === null) return send(command);
    // Already over: the HTTP handler would refuse it anyway, so nothing is sent.
    if (signal.aborted) return Promise.reject(abortError(signal));
    const call = new UpstreamCall(signal);
    (command as { input: Carrier }).input[CALL] = call;
    const calls = callsOf(signal);
    calls.add(call);
    return new Promise((resolve, reject) => {
      call.fail = reject;
      send(command).then(
        (output) => {
          calls.delete(call);
          resolve(output);
        },
        (error: unknown) => {
          calls.delete(call);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  };
  return client;
}

/** The signal when `options` holds nothing but `abortSignal` (null when that is undefined); else undefined. */
function signalOnly(options: unknown): CallSignal | null | undefined {
  if (options === undefined) return null;
  if (typeof options !== 'object' || options === null) return undefined;
  for (const key in options) if (key !== 'abortSignal') return undefined;
  return (options as { abortSignal?: CallSignal }).abortSignal ?? null;
}

function wrapHandler(handler: HttpHandlerLike): void {
  if (wrappedHandlers.has(handler)) return;
  wrappedHandlers.add(handler);
  const handle = handler.handle.bind(handler);
  handler.handle = (request, options = {}) => {
    const call = (request as Carrier)[CALL];
    if (call === undefined || options.abortSignal !== undefined) return handle(request, options);
    return handle(request, { ...options, abortSignal: call });
  };
}

/** The error the SDK's HTTP handler raises for an aborted request. */
function abortError(signal: CallSignal): Error {
  const reason: unknown = signal.reason;
  const error = new Error('Request aborted', reason instanceof Error ? { cause: reason } : undefined);
  error.name = 'AbortError';
  return error;
}
