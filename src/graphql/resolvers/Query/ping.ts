import type { QueryResolvers } from '../../types.generated.js';

export const ping: NonNullable<QueryResolvers['ping']> = () => true;
