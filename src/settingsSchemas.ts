// Building blocks of the environment schemas (src/config.ts and the settings files it merges), so every
// integer setting is parsed and reported the same way.
import { z } from 'zod';

/** An integer setting within [min, max]; the error names the variable and the range in one line. */
export const intSetting = (name: string, min: number, max: number) => {
  const message = `${name} must be an integer between ${min} and ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};
