import { describe, expect, it } from 'vitest';
import { presignIotMqttUrl, presignUrl } from '../../src/upstream/iotEventsSigV4.js';

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('SigV4 presigned URLs', () => {
  it('reproduces the example of the AWS SigV4 documentation (query-string authentication)', () => {
    const url = presignUrl({
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      service: 's3',
      region: 'us-east-1',
      credentials,
      date: new Date('2013-05-24T00:00:00Z'),
      expiresSeconds: 86_400,
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    expect(url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z' +
        '&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('signs AWS IoT WebSocket URLs for iotdevicegateway and appends the session token after the signature', () => {
    const date = new Date('2024-01-02T03:04:05Z');
    const endpoint = 'abc123-ats.iot.eu-west-1.amazonaws.com';
    const withToken = presignIotMqttUrl({
      endpoint,
      region: 'eu-west-1',
      credentials: { ...credentials, sessionToken: 'tok/en+=' },
      date,
    });
    const without = presignIotMqttUrl({ endpoint, region: 'eu-west-1', credentials, date });
    expect(withToken.startsWith(`wss://${endpoint}/mqtt?`)).toBe(true);
    expect(without).toContain(
      'X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240102%2Feu-west-1%2Fiotdevicegateway%2Faws4_request',
    );
    // The token is not signed: the URL is the unsigned one plus the token.
    expect(withToken).toBe(`${without}&X-Amz-Security-Token=tok%2Fen%2B%3D`);
    const signed = presignUrl({
      url: `wss://${endpoint}/mqtt`,
      service: 'iotdevicegateway',
      region: 'eu-west-1',
      credentials: { ...credentials, sessionToken: 't' },
      date,
    });
    expect(signed).toMatch(/X-Amz-Security-Token=t&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/);
  });
});
