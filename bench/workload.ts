// The GraphQL documents every subject answers, and the JSON each one must return, in one place so
// the gateway and the hand-written baselines are held to byte-compatible work.

/** The mutation of scenarios (a), (c) and (d): one CancelJobExecution upstream, no read-back selected. */
export const CANCEL_DOCUMENT =
  'mutation Cancel($input: CancelJobExecutionInput!) { cancelJobExecution(input: $input) { __typename ... on CancelJobExecutionSuccess { jobId thingName } ... on Error { message } } }';

/** The list of scenario (b), as the read-side issue specifies it. */
export const LIST_DOCUMENT =
  'query ThingExecutions($thingName: String!) { thing(name: $thingName) { jobExecutions(first: 100) { edges { node { status job { status description } } } } } }';

/** Executions the bench upstream lists per thing, and how many distinct jobs they belong to. */
export const LIST_SIZE = 100;
export const UNIQUE_JOBS = 20;

export function cancelBody(jobId: string, thingName: string): string {
  return JSON.stringify({
    operationName: 'Cancel',
    query: CANCEL_DOCUMENT,
    variables: { input: { jobId, thingName } },
  });
}

/** The same cancel with its arguments inlined: every request is a new document (a document-store miss). */
export function cancelBodyInlined(jobId: string, thingName: string): string {
  const query = CANCEL_DOCUMENT.replace(
    'mutation Cancel($input: CancelJobExecutionInput!)',
    'mutation Cancel',
  ).replace(
    'cancelJobExecution(input: $input)',
    `cancelJobExecution(input: { jobId: ${JSON.stringify(jobId)}, thingName: ${JSON.stringify(thingName)} })`,
  );
  return JSON.stringify({ operationName: 'Cancel', query });
}

export function listBody(thingName: string): string {
  return JSON.stringify({ operationName: 'ThingExecutions', query: LIST_DOCUMENT, variables: { thingName } });
}

/** The response a successful cancel must produce, byte for byte what Apollo serializes. */
export function cancelResponse(jobId: string, thingName: string): string {
  return JSON.stringify({
    data: { cancelJobExecution: { __typename: 'CancelJobExecutionSuccess', jobId, thingName } },
  });
}

/** Job ids of the bench fleet: execution i of every thing belongs to job i mod UNIQUE_JOBS. */
export function benchJobId(index: number): string {
  return `bench-job-${String(index % UNIQUE_JOBS).padStart(2, '0')}`;
}

export function benchJobDescription(jobId: string): string {
  return `Firmware rollout ${jobId}`;
}

export const isCancelSuccess = (body: string): boolean => body.includes('"CancelJobExecutionSuccess"');
export const isThrottled = (body: string): boolean => body.includes('"ThrottlingError"');
/** A list answer is good when it carries data and every requested edge. */
export const isListSuccess = (body: string): boolean =>
  body.startsWith('{"data":{"thing":{') &&
  !body.includes('"errors"') &&
  countOccurrences(body, '"node":') === LIST_SIZE;

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}
