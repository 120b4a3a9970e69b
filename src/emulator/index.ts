export type * from './api.js';
export { ManualClock, systemClock } from './clock.js';
export { startEmulator } from './emulator.js';
