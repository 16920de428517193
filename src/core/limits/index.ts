// The limits module's public entry: posts counted per client in fixed windows (rate_limits). model.ts is the second
// entry, for the browser.
export { intakeClientKey, open311ClientKey, takeSlot, withinLimit } from './windows';
export { windowOf } from './model';
export type { Counted, SlotAnswer, SlotOptions } from './model';
