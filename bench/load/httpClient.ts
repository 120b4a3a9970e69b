// A lean node:http client: the 1-connection latency client and the burst must add as little
// as possible of their own to what they time.
import { request, type Agent } from 'node:http';

export interface Reply {
  status: number;
  body: string;
}

export function post(
  url: string,
  body: string,
  agent?: Agent,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return send(url, 'POST', body, agent, headers);
}

export function get(url: string, agent?: Agent): Promise<Reply> {
  return send(url, 'GET', undefined, agent, {});
}

function send(
  url: string,
  method: string,
  body: string | undefined,
  agent: Agent | undefined,
  headers: Record<string, string>,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers:
          body === undefined
            ? headers
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** JSON admin call to the bench stub. */
export async function stubAdmin<T>(stubUrl: string, path: string, payload?: unknown): Promise<T> {
  const reply =
    payload === undefined
      ? await get(`${stubUrl}/__bench/${path}`)
      : await post(`${stubUrl}/__bench/${path}`, JSON.stringify(payload));
  if (reply.status !== 200) throw new Error(`stub ${path}: HTTP ${reply.status}`);
  return JSON.parse(reply.body) as T;
}
