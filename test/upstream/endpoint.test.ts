import { describe, expect, it } from 'vitest';
import { createEndpointResolver, endpointUrlFromAddress } from '../../src/upstream/endpoint.js';

describe('createEndpointResolver', () => {
  it('discovers once and caches the result', async () => {
    let calls = 0;
    const resolve = createEndpointResolver(async () => `https://e${++calls}`);
    expect(await resolve()).toBe('https://e1');
    expect(await resolve()).toBe('https://e1');
    expect(calls).toBe(1);
  });

  it('shares one in-flight discovery between concurrent callers', async () => {
    let calls = 0;
    let release!: (url: string) => void;
    const resolve = createEndpointResolver(() => {
      calls++;
      return new Promise<string>((r) => (release = r));
    });
    const pending = [resolve(), resolve(), resolve()];
    release('https://shared');
    expect(await Promise.all(pending)).toEqual(['https://shared', 'https://shared', 'https://shared']);
    expect(calls).toBe(1);
  });

  it('does not cache a failure: the next call tries again', async () => {
    let calls = 0;
    const resolve = createEndpointResolver(async () => {
      calls++;
      if (calls === 1) throw new Error('unreachable');
      return 'https://later';
    });
    await expect(resolve()).rejects.toThrow('unreachable');
    expect(await resolve()).toBe('https://later');
    expect(calls).toBe(2);
  });
});

describe('endpointUrlFromAddress', () => {
  it('uses https for AWS and http when the control plane is a local http endpoint', () => {
    expect(endpointUrlFromAddress('abc.jobs.iot.us-east-1.amazonaws.com', undefined)).toBe(
      'https://abc.jobs.iot.us-east-1.amazonaws.com',
    );
    expect(
      endpointUrlFromAddress('abc.jobs.iot.us-east-1.amazonaws.com', 'https://iot.us-east-1.amazonaws.com'),
    ).toMatch(/^https:/);
    expect(endpointUrlFromAddress('127.0.0.1:4567', 'http://127.0.0.1:4567')).toBe('http://127.0.0.1:4567');
  });

  it('keeps an address that already has a scheme', () => {
    expect(endpointUrlFromAddress('http://x:1', undefined)).toBe('http://x:1');
  });
});
