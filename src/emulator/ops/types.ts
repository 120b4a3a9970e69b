import { type Store } from '../model/store.js';

export interface OperationInput {
  /** Decoded path labels, e.g. { thingName, jobId }. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON request body; {} when the request had none. */
  body: Record<string, unknown>;
}

export interface OperationContext {
  store: Store;
  /** host:port this emulator answers on, handed out as the iot:Jobs endpoint. */
  jobsEndpoint: string;
  region: string;
  accountId: string;
}

/** An operation returns its output shape; undefined members are dropped by JSON serialization. */
export type Handler = (input: OperationInput, context: OperationContext) => Record<string, unknown>;

export interface Route {
  operation: string;
  method: string;
  /** Path template as in the AWS model, e.g. /things/{thingName}/jobs/{jobId}. */
  path: string;
  handler: Handler;
}
