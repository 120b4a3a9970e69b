/** An AWS-modeled error: `code` goes to x-amzn-ErrorType, `extra` members join `message` in the JSON body. */
export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = code;
  }
}

export const invalidRequest = (message: string): EmulatorError =>
  new EmulatorError('InvalidRequestException', 400, message);

export const notFound = (message: string): EmulatorError =>
  new EmulatorError('ResourceNotFoundException', 404, message);

export const alreadyExists = (message: string, extra?: Record<string, unknown>): EmulatorError =>
  new EmulatorError('ResourceAlreadyExistsException', 409, message, extra);

export const invalidStateTransition = (message: string, extra?: Record<string, unknown>): EmulatorError =>
  new EmulatorError('InvalidStateTransitionException', 409, message, extra);

export const versionConflict = (message: string): EmulatorError =>
  new EmulatorError('VersionConflictException', 409, message);

/** The data plane models no version error; AWS's HTTP wording follows the MQTT API's "VersionMismatch". */
export const versionMismatch = (message: string, extra: Record<string, unknown>): EmulatorError =>
  new EmulatorError('VersionMismatch', 409, message, extra);

export const internalFailure = (message: string): EmulatorError =>
  new EmulatorError('InternalFailureException', 500, message);
