// Baseline B0: plain node:http answering the cancel mutation's JSON without any upstream call.
import { cancelResponse } from '../workload.js';
import { cancelInput, servePlainHttp } from './plainHttp.js';

servePlainHttp((request) => {
  const { jobId, thingName } = cancelInput(request);
  return cancelResponse(jobId, thingName);
});
