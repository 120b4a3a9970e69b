import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerToken,
  createJwtAuthenticator,
  createNoAuthAuthenticator,
  type Authenticator,
  type JwtAuthOptions,
} from '../../src/security/authenticate.js';
import {
  AUDIENCE,
  b64url,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type JwksServer,
  type TestKey,
} from './jwksServer.js';

let rsa: TestKey;
let ec: TestKey;
let server: JwksServer;

beforeAll(async () => {
  rsa = await makeKey('rsa-1', 'RS256');
  ec = await makeKey('ec-1', 'ES256');
  server = await startJwksServer([rsa, ec]);
});
afterAll(() => server.close());

function authenticator(overrides: Partial<JwtAuthOptions> = {}, url = server.url): Authenticator {
  return createJwtAuthenticator({
    jwksUrl: url,
    issuer: ISSUER,
    audiences: [AUDIENCE, 'cognito-client'],
    ...overrides,
  });
}

const bearer = (token: string) => `Bearer ${token}`;

describe('valid tokens', () => {
  it('accepts an RS256 token and maps sub, groups and scopes', async () => {
    const token = await signToken(rsa, {
      'cognito:groups': ['ops', 'fleet-a'],
      scope: 'jobs:read jobs:cancel',
    });
    const result = await authenticator().authenticate(bearer(token));
    expect(result).toEqual({
      ok: true,
      caller: { sub: 'user-1', groups: ['ops', 'fleet-a'], scopes: ['jobs:read', 'jobs:cancel'] },
    });
  });

  it('accepts an ES256 token and reads scp arrays and a configured groups claim path', async () => {
    const token = await signToken(ec, {
      realm_access: { roles: ['admins'] },
      scp: ['jobs:update'],
      azp: 'web',
    });
    const result = await authenticator({ groupsClaim: 'realm_access.roles' }).authenticate(bearer(token));
    expect(result).toEqual({
      ok: true,
      caller: { sub: 'user-1', clientId: 'web', groups: ['admins'], scopes: ['jobs:update'] },
    });
  });

  it('accepts a Cognito access token (no aud) whose client_id is an allowed audience', async () => {
    const token = await signToken(rsa, {
      aud: undefined,
      token_use: 'access',
      client_id: 'cognito-client',
      scope: 'aws.cognito.signin.user.admin',
    });
    const result = await authenticator().authenticate(bearer(token));
    expect(result).toMatchObject({ ok: true, caller: { sub: 'user-1', clientId: 'cognito-client' } });
  });

  it('takes the scheme case-insensitively', () => {
    expect(bearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
  });
});

describe('rejected tokens', () => {
  it('rejects a missing or non-bearer header', async () => {
    const auth = authenticator();
    expect(await auth.authenticate(undefined)).toMatchObject({ ok: false, reason: 'missing_token' });
    expect(await auth.authenticate('Basic dXNlcjpwdw==')).toMatchObject({
      ok: false,
      reason: 'missing_token',
    });
    expect(await auth.authenticate('Bearer not-a-jwt')).toMatchObject({
      ok: false,
      reason: 'malformed_token',
    });
    expect(await auth.authenticate(bearer('x'.repeat(9000) + '.a.b'))).toMatchObject({
      ok: false,
      reason: 'malformed_token',
    });
  });

  it('rejects a forged signature (right kid, other key)', async () => {
    const forger = await makeKey(rsa.kid, 'RS256');
    const result = await authenticator().authenticate(bearer(await signToken(forger)));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('rejects a tampered payload', async () => {
    const [h, , s] = (await signToken(rsa)).split('.');
    const payload = b64url({
      sub: 'admin',
      iss: ISSUER,
      aud: AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 300,
    });
    const result = await authenticator().authenticate(bearer(`${h}.${payload}.${s}`));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });

  it('rejects expired and not-yet-valid tokens beyond the clock tolerance', async () => {
    const now = Math.floor(Date.now() / 1000);
    const auth = authenticator();
    const expired = await signToken(rsa, { iat: now - 600, exp: now - 60 });
    const future = await signToken(rsa, { nbf: now + 120 });
    expect(await auth.authenticate(bearer(expired))).toMatchObject({ ok: false, reason: 'expired' });
    expect(await auth.authenticate(bearer(future))).toMatchObject({ ok: false, reason: 'not_yet_valid' });
  });

  it('rejects a token without exp', async () => {
    const result = await authenticator().authenticate(bearer(await signToken(rsa, { exp: undefined })));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_claims' });
  });

  it('rejects the wrong issuer and the wrong audience', async () => {
    const auth = authenticator();
    const wrongIss = await signToken(rsa, { iss: 'https://evil.example.test' });
    const wrongAud = await signToken(rsa, { aud: 'other-app' });
    const noAud = await signToken(rsa, { aud: undefined });
    expect(await auth.authenticate(bearer(wrongIss))).toMatchObject({ ok: false, reason: 'invalid_claims' });
    expect(await auth.authenticate(bearer(wrongAud))).toMatchObject({ ok: false, reason: 'invalid_claims' });
    expect(await auth.authenticate(bearer(noAud))).toMatchObject({ ok: false, reason: 'invalid_claims' });
  });

  it('rejects a Cognito access token for another client and a Cognito ID token', async () => {
    const auth = authenticator();
    const otherClient = await signToken(rsa, {
      aud: undefined,
      token_use: 'access',
      client_id: 'someone-else',
    });
    const idToken = await signToken(rsa, { aud: 'cognito-client', token_use: 'id' });
    const clientIdWithoutTokenUse = await signToken(rsa, { aud: undefined, client_id: 'cognito-client' });
    expect(await auth.authenticate(bearer(otherClient))).toMatchObject({
      ok: false,
      reason: 'invalid_claims',
    });
    expect(await auth.authenticate(bearer(idToken))).toMatchObject({ ok: false, reason: 'invalid_claims' });
    expect(await auth.authenticate(bearer(clientIdWithoutTokenUse))).toMatchObject({
      ok: false,
      reason: 'invalid_claims',
    });
  });

  it('rejects alg: none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: now + 300 })}.`;
    const result = await authenticator().authenticate(bearer(token));
    expect(result).toMatchObject({ ok: false, reason: 'algorithm_not_allowed' });
  });

  it('rejects HS256 signed with the public key as the HMAC secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signingInput = `${b64url({ alg: 'HS256', typ: 'JWT', kid: rsa.kid })}.${b64url({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: now + 300 })}`;
    const secret = JSON.stringify(rsa.publicJwk);
    const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
    const result = await authenticator().authenticate(bearer(`${signingInput}.${signature}`));
    expect(result).toMatchObject({ ok: false, reason: 'algorithm_not_allowed' });
  });

  it('rejects a token signed with an algorithm outside the pinned list', async () => {
    const result = await authenticator({ algorithms: ['RS256'] }).authenticate(bearer(await signToken(ec)));
    expect(result).toMatchObject({ ok: false, reason: 'algorithm_not_allowed' });
  });

  it('refuses to be configured with symmetric algorithms, none, or no audience', () => {
    expect(() => authenticator({ algorithms: ['RS256', 'HS256'] })).toThrow(/asymmetric/);
    expect(() => authenticator({ algorithms: ['none'] })).toThrow(/asymmetric/);
    expect(() => authenticator({ audiences: [] })).toThrow(/audience/);
  });
});

describe('key set handling', () => {
  it('downloads the key set at most once per cooldown during an unknown-kid flood', async () => {
    const jwks = await startJwksServer([rsa]);
    try {
      const auth = authenticator({}, jwks.url);
      expect((await auth.authenticate(bearer(await signToken(rsa)))).ok).toBe(true);
      const flood = await Promise.all(
        Array.from({ length: 40 }, async () =>
          auth.authenticate(bearer(await signToken(rsa, {}, { kid: randomUUID() }))),
        ),
      );
      for (let i = 0; i < 20; i += 1) {
        flood.push(await auth.authenticate(bearer(await signToken(rsa, {}, { kid: randomUUID() }))));
      }
      expect(flood.every((r) => !r.ok && r.reason === 'unknown_key')).toBe(true);
      expect(jwks.requests()).toBe(1);
    } finally {
      await jwks.close();
    }
  });

  it('shares one download among concurrent first requests', async () => {
    const jwks = await startJwksServer([rsa]);
    try {
      const auth = authenticator({}, jwks.url);
      const token = await signToken(rsa);
      const results = await Promise.all(Array.from({ length: 20 }, () => auth.authenticate(bearer(token))));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(jwks.requests()).toBe(1);
    } finally {
      await jwks.close();
    }
  });

  it('picks up a rotated key once the cooldown allows a refetch', async () => {
    const jwks = await startJwksServer([rsa]);
    try {
      const auth = authenticator({ jwksCooldownMs: 0 }, jwks.url);
      expect((await auth.authenticate(bearer(await signToken(rsa)))).ok).toBe(true);
      const next = await makeKey('rsa-2', 'RS256');
      jwks.publish([next]);
      expect((await auth.authenticate(bearer(await signToken(next)))).ok).toBe(true);
      expect(jwks.requests()).toBe(2);
      // The retired key is gone from the refreshed set.
      expect(await auth.authenticate(bearer(await signToken(rsa)))).toMatchObject({
        ok: false,
        reason: 'unknown_key',
      });
    } finally {
      await jwks.close();
    }
  });

  it('reports an unreachable or broken key set as keys_unavailable, not as a bad token', async () => {
    const jwks = await startJwksServer([rsa]);
    try {
      jwks.setBroken(true);
      const result = await authenticator({}, jwks.url).authenticate(bearer(await signToken(rsa)));
      expect(result).toMatchObject({ ok: false, reason: 'keys_unavailable' });
    } finally {
      await jwks.close();
    }
    const closed = await authenticator({ jwksTimeoutMs: 2000 }, 'http://127.0.0.1:1/jwks.json').authenticate(
      bearer(await signToken(rsa)),
    );
    expect(closed).toMatchObject({ ok: false, reason: 'keys_unavailable' });
  });
});

describe('AUTH_MODE=none', () => {
  it('treats every request as the anonymous caller, whatever the header', async () => {
    const auth = createNoAuthAuthenticator();
    expect(await auth.authenticate('Bearer whatever')).toEqual({
      ok: true,
      caller: { sub: 'anonymous', groups: [], scopes: [], anonymous: true },
    });
  });
});
