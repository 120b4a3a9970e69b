// SigV4 query-string signing (presigned URLs), for MQTT over WebSocket to AWS IoT Core.
import { createHash, createHmac } from 'node:crypto';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface PresignOptions {
  /** The URL to sign, e.g. wss://abc-ats.iot.eu-west-1.amazonaws.com/mqtt (its query is kept and signed). */
  url: string;
  /** Signing name, e.g. 'iotdevicegateway'. */
  service: string;
  region: string;
  credentials: SigV4Credentials;
  /** Signing time; default now. */
  date?: Date;
  /** Adds X-Amz-Expires; default none (AWS IoT does not need it). */
  expiresSeconds?: number;
  /** Hash of the payload; default the SHA-256 of an empty body. */
  payloadHash?: string;
  /**
   * Where the session token goes: 'signed' puts X-Amz-Security-Token in the signed query (S3 and most
   * services); 'appended' adds it after signing, as AWS IoT Core's WebSocket endpoint expects. Default 'signed'.
   */
  sessionToken?: 'signed' | 'appended';
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 percent-encoding, as SigV4 requires (encodeURIComponent leaves !'()* alone). */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** `url` with X-Amz-* query parameters that authorize a GET of it until the signature expires. */
export function presignUrl(options: PresignOptions): string {
  const url = new URL(options.url);
  const date = options.date ?? new Date();
  const amzDate = date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const { credentials } = options;
  const params: [string, string][] = [...url.searchParams.entries()];
  params.push(
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-SignedHeaders', 'host'],
  );
  if (options.expiresSeconds !== undefined) params.push(['X-Amz-Expires', String(options.expiresSeconds)]);
  const tokenMode = options.sessionToken ?? 'signed';
  if (credentials.sessionToken && tokenMode === 'signed')
    params.push(['X-Amz-Security-Token', credentials.sessionToken]);
  const query = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    'GET',
    url.pathname || '/',
    query,
    `host:${url.host}\n`,
    'host',
    options.payloadHash ?? EMPTY_SHA256,
  ].join('\n');
  const stringToSign = [
    ALGORITHM,
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), options.region), options.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  let signed = `${url.protocol}//${url.host}${url.pathname}?${query}&X-Amz-Signature=${signature}`;
  if (credentials.sessionToken && tokenMode === 'appended')
    signed += `&X-Amz-Security-Token=${rfc3986(credentials.sessionToken)}`;
  return signed;
}

/** The presigned wss://<endpoint>/mqtt URL AWS IoT Core accepts for MQTT over WebSocket. */
export function presignIotMqttUrl(options: {
  endpoint: string;
  region: string;
  credentials: SigV4Credentials;
  date?: Date;
}): string {
  return presignUrl({
    url: `wss://${options.endpoint}/mqtt`,
    service: 'iotdevicegateway',
    region: options.region,
    credentials: options.credentials,
    ...(options.date ? { date: options.date } : {}),
    sessionToken: 'appended',
  });
}
