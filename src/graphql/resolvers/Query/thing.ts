import { invalidArguments } from '../../../errors/fieldFailure.js';
import { validateThingName } from '../../../validation/reads.js';
import type { QueryResolvers } from '../../types.generated.js';

/** No AWS call here: the thing's fields read what they need. */
export const thing: NonNullable<QueryResolvers['thing']> = (_parent, args) => {
  const checked = validateThingName(args.name, ['name']);
  if (!checked.ok) throw invalidArguments(checked.fieldErrors);
  return { thingName: checked.value };
};
