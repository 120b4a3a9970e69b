import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const aws = { IOT_UPSTREAM: 'aws', AWS_REGION: 'eu-west-1', AUTH_MODE: 'none' };

describe('subscription settings', () => {
  it('defaults: the in-process feed with the emulator, 30 s reconciliation, 25 subscriptions per connection', () => {
    expect(loadConfig({}).subscriptions).toEqual({
      source: { kind: 'in-process' },
      emulatorMqttUrl: undefined,
      clientIdPrefix: 'iot-jobs-graphql',
      reconcileIntervalMs: 30_000,
      maxPerConnection: 25,
    });
  });

  it('uses the emulator broker when EMULATOR_MQTT_URL is set, and AWS IoT Core with IOT_UPSTREAM=aws', () => {
    expect(loadConfig({ EMULATOR_MQTT_URL: 'mqtt://127.0.0.1:1883' }).subscriptions.source).toEqual({
      kind: 'broker',
      url: 'mqtt://127.0.0.1:1883',
    });
    expect(loadConfig(aws).subscriptions.source).toEqual({
      kind: 'aws-iot',
      endpoint: undefined,
      auth: { kind: 'sigv4' },
    });
    expect(
      loadConfig({
        ...aws,
        IOT_MQTT_AUTH: 'mtls',
        IOT_MQTT_CERT_FILE: 'c.pem',
        IOT_MQTT_KEY_FILE: 'k.pem',
        IOT_MQTT_ENDPOINT: 'x-ats.iot.eu-west-1.amazonaws.com',
      }).subscriptions.source,
    ).toEqual({
      kind: 'aws-iot',
      endpoint: 'x-ats.iot.eu-west-1.amazonaws.com',
      auth: { kind: 'mtls', certFile: 'c.pem', keyFile: 'k.pem', caFile: undefined },
    });
    expect(loadConfig({ ...aws, JOB_EVENTS_SOURCE: 'none' }).subscriptions.source).toEqual({ kind: 'none' });
  });

  it.each([
    [{ ...aws, JOB_EVENTS_SOURCE: 'in-process' }, 'JOB_EVENTS_SOURCE=in-process needs IOT_UPSTREAM=emulator'],
    [{ JOB_EVENTS_SOURCE: 'mqtt' }, 'JOB_EVENTS_SOURCE=mqtt with the emulator needs EMULATOR_MQTT_URL'],
    [{ ...aws, IOT_MQTT_AUTH: 'mtls' }, 'IOT_MQTT_AUTH=mtls needs IOT_MQTT_CERT_FILE and IOT_MQTT_KEY_FILE'],
    [{ EMULATOR_MQTT_URL: 'http://x' }, 'EMULATOR_MQTT_URL must be an mqtt://'],
    [
      { SUBSCRIPTIONS_RECONCILE_INTERVAL_MS: '10' },
      'SUBSCRIPTIONS_RECONCILE_INTERVAL_MS must be an integer between 1000',
    ],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
