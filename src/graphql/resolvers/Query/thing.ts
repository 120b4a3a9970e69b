import { invalidArguments } from '../../../errors/fieldFailure.js';
import { assertReadable } from '../../../security/readAccess.js';
import { validateThingName } from '../../../validation/reads.js';
import type { QueryResolvers } from '../../types.generated.js';
import { thingNotFound } from '../lookups.js';

/** No AWS call here (beyond a thing-group lookup a group rule may need): the thing's fields read what they need. */
export const thing: NonNullable<QueryResolvers['thing']> = async (_parent, args, ctx) => {
  const checked = validateThingName(args.name, ['name']);
  if (!checked.ok) throw invalidArguments(checked.fieldErrors);
  // Not readable: null with the NOT_FOUND error a missing thing's fields get, whether or not it exists.
  await assertReadable(ctx, checked.value, thingNotFound(checked.value));
  return { thingName: checked.value };
};
