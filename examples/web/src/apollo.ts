import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import introspection from './gql/possibleTypes';

/**
 * Apollo Client for the gateway: automatic persisted queries (queries go out as GET with only the
 * document's hash, so URLs are short and cacheable by the browser's HTTP layer; mutations stay POST) and
 * the possibleTypes of every union and interface, without which `... on Error` fragments match nothing.
 */
export function createApolloClient(graphqlUrl: string): ApolloClient {
  const http = new HttpLink({ uri: graphqlUrl });
  // WebCrypto exists only in secure contexts (https, localhost); elsewhere the app sends full documents.
  const link = globalThis.crypto?.subtle
    ? new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(http)
    : http;
  return new ApolloClient({
    link,
    cache: new InMemoryCache({ possibleTypes: introspection.possibleTypes }),
    // Sent as apollographql-client-name/-version headers so the gateway can tell app versions apart.
    clientAwareness: { name: 'iot-jobs-web-example', version: '0.1.0' },
  });
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
