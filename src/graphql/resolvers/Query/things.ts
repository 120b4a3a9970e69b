import { invalidArguments, readField } from '../../../errors/fieldFailure.js';
import { mayReadThing } from '../../../security/readAccess.js';
import { validateThingNames } from '../../../validation/reads.js';
import type { QueryResolvers } from '../../types.generated.js';

/**
 * A fleet in one field, in the given order; no AWS call until a thing's fields need one. Like every
 * list it shows only what the caller may read: names outside the policy are left out.
 */
export const things: NonNullable<QueryResolvers['things']> = async (_parent, args, ctx) => {
  const checked = validateThingNames(args.names);
  if (!checked.ok) throw invalidArguments(checked.fieldErrors);
  const names = checked.value;
  const readable = await readField(() => Promise.all(names.map((name) => mayReadThing(ctx, name))));
  return names.filter((_, i) => readable[i]).map((thingName) => ({ thingName }));
};
