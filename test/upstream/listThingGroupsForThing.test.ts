// The upstream call behind the security policy's thingGroupsOf: every page read, failures classified by
// the one error map. Real SDK clients over HTTP to the embedded emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUpstreamError } from '../../src/domain/failures.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createControlPlane } from '../../src/upstream/controlPlane.js';
import { createUpstream, type Upstream } from '../../src/upstream/index.js';
import { caught, controlClient, TEST_REGION } from '../support/sdk.js';

const THING = 'member-1';
const GROUPS = ['floor-1', 'lab', 'night-shift'];

let emu: Emulator;
let upstream: Upstream;
beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      things: [{ thingName: THING }, { thingName: 'loner' }],
      thingGroups: GROUPS.map((thingGroupName) => ({ thingGroupName, things: [THING] })),
    },
  });
  upstream = createUpstream({
    region: TEST_REGION,
    controlEndpoint: emu.url,
    dataEndpoint: emu.url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
    retryMode: 'standard',
    timeoutMs: 5_000,
  });
});
afterAll(async () => {
  upstream.destroy();
  await emu.close();
});

describe('Upstream.listThingGroupsForThing', () => {
  it("returns the names of the thing's direct groups, and [] for a thing in none", async () => {
    expect((await upstream.listThingGroupsForThing(THING)).sort()).toEqual(GROUPS);
    expect(await upstream.listThingGroupsForThing('loner')).toEqual([]);
  });

  it('reads every page, following nextToken until the last one', async () => {
    const client = controlClient(emu.url);
    // Forces one group per page so the loop must follow the tokens (AWS caps a thing at 10 groups).
    client.middlewareStack.add(
      (next) => (args) => {
        (args.input as { maxResults?: number }).maxResults = 1;
        return next(args);
      },
      { step: 'initialize', name: 'onePerPage' },
    );
    emu.resetCalls();
    try {
      const names = await createControlPlane(client).listThingGroupsForThing(THING);
      expect(names.sort()).toEqual(GROUPS);
      expect(emu.calls({ operation: 'ListThingGroupsForThing' })).toHaveLength(GROUPS.length);
    } finally {
      client.destroy();
    }
  });

  it('an unknown thing is an UpstreamError of kind ResourceNotFound', async () => {
    const err = await caught(upstream.listThingGroupsForThing('ghost'));
    expect(isUpstreamError(err) && err.failure.kind).toBe('ResourceNotFound');
  });

  it('throttling is classified as Throttling', async () => {
    emu.injectFault({ operation: 'ListThingGroupsForThing', mode: 'throttle' });
    const err = await caught(upstream.listThingGroupsForThing(THING));
    expect(isUpstreamError(err) && err.failure.kind).toBe('Throttling');
  });
});
