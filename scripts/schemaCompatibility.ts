import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema } from 'graphql';

export interface CompatibilityReport {
  /** Changes that fail the check. */
  readonly breaking: readonly Change[];
  /** Dangerous changes that are allowed but worth a look (e.g. a new enum value). */
  readonly dangerous: readonly Change[];
  readonly safe: readonly Change[];
}

// graphql-inspector rates a new member of a union only "dangerous", but it breaks clients already
// shipped: a mobile app built against the old result union has no case for it and may crash. Members
// of a union that is itself new are harmless: no shipped client selects that union.
function breaksShippedClients(change: Change, released: GraphQLSchema): boolean {
  if (change.type !== ChangeType.UnionMemberAdded) return false;
  const { unionName } = change.meta as { unionName: string };
  return released.getType(unionName) !== undefined;
}

/** Compares the released SDL with the current SDL; `breaking` empty means compatible. */
export async function checkCompatibility(
  releasedSdl: string,
  currentSdl: string,
): Promise<CompatibilityReport> {
  const released = buildSchema(releasedSdl);
  const changes = await diff(released, buildSchema(currentSdl));
  const breaking: Change[] = [];
  const dangerous: Change[] = [];
  const safe: Change[] = [];
  for (const change of changes) {
    const level = change.criticality.level;
    if (level === CriticalityLevel.Breaking || breaksShippedClients(change, released)) breaking.push(change);
    else if (level === CriticalityLevel.Dangerous) dangerous.push(change);
    else safe.push(change);
  }
  return { breaking, dangerous, safe };
}

/** One line per change, e.g. `BREAKING  FIELD_REMOVED  Field 'ping' was removed from object type 'Query'`. */
export function describeChanges(label: string, changes: readonly Change[]): string[] {
  return changes.map((change) => `${label.padEnd(9)} ${change.type}  ${change.message}`);
}
