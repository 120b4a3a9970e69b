import { invalidArguments } from '../../../errors/fieldFailure.js';
import { validateThingNames } from '../../../validation/reads.js';
import type { QueryResolvers } from '../../types.generated.js';

/** A fleet in one field, in the given order; no AWS call until a thing's fields need one. */
export const things: NonNullable<QueryResolvers['things']> = (_parent, args) => {
  const checked = validateThingNames(args.names);
  if (!checked.ok) throw invalidArguments(checked.fieldErrors);
  return checked.value.map((thingName) => ({ thingName }));
};
