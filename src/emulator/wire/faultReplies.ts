import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type EmulatedService } from '../api.js';
import { EmulatorError } from '../errors.js';
import { type ActiveFault } from '../faults.js';
import { sendError, sendText } from './responses.js';

const HTML_500 =
  '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>';

/**
 * Acts out the part of a fault that comes before the operation runs. Returns true when the request is
 * finished (answered or dropped) and the operation must not run.
 */
export async function preempt(
  fault: ActiveFault,
  service: EmulatedService,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  sleep: (ms: number) => Promise<void>,
): Promise<boolean> {
  switch (fault.mode) {
    case 'throttle':
      sendError(
        res,
        requestId,
        new EmulatorError('ThrottlingException', service === 'iot' ? 400 : 429, 'Rate exceeded.'),
      );
      return true;
    case 'unavailable':
      sendError(
        res,
        requestId,
        new EmulatorError('ServiceUnavailableException', 503, 'Service Unavailable.'),
      );
      return true;
    case 'html500':
      sendText(res, 500, requestId, HTML_500, 'text/html');
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'delay':
      await sleep(fault.delayMs);
      return false;
    case 'malformedJson':
    case 'applyThenReset':
      return false;
  }
}
