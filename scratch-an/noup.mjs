import { loadConfig } from '/work/main/dist/config.js';
import { createGateway } from '/work/main/dist/http/app.js';
const config = loadConfig(process.env);
const receipt = { jobId: 'job-1', thingName: 'thing-1' };
const upstream = new Proxy({}, { get: (_t, k) => k === 'destroy' ? () => {} : k === 'checkReachable' ? async () => {} : k==='dataPlaneEndpoint' ? async () => 'http://x' : async () => receipt });
const gw = await createGateway(config, { upstream });
console.log(await gw.listen());
process.on('SIGINT', () => process.exit(0));
