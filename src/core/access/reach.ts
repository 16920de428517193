// The reach rule every policy uses: an item is inside a staff member's reach when its area, or an area above it, is
// one of the working areas of their organisation. The item's area path comes with its context (loaded with it).
import type { StaffActor } from './actor';

export const worksIn = (actor: StaffActor, areaPath: readonly string[]): boolean => areaPath.some((id) => actor.reach.areaIds.has(id));
