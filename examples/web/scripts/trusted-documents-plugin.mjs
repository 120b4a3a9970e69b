// graphql-codegen plugin: the app's trusted-documents manifest, `{ "sha256:<hex>": "<document>" }`.
// Keys and texts are exactly what Apollo Client sends: its cache adds __typename to every selection set
// before the persisted-query link hashes the printed document, so the same transform and printer run here.
import { createHash } from 'node:crypto';
import { InMemoryCache } from '@apollo/client/cache';
import { print } from '@apollo/client/utilities';

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
export const plugin = (_schema, documents) => {
  const cache = new InMemoryCache();
  const entries = [];
  for (const { document } of documents) {
    if (!document?.definitions.some((d) => d.kind === 'OperationDefinition')) continue;
    const text = print(cache.transformDocument(document));
    entries.push([`sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`, text]);
  }
  entries.sort(([a], [b]) => a.localeCompare(b));
  return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
};
