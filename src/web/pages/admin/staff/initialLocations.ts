import type { StaffMember } from "../../../../common/admin-api";
import type { Location } from "../../../../common/api";

/**
 * Returns the location ids ticked when the staff form opens. An edited
 * member keeps their own. A new staff member starts at the company's only
 * location, or at none when there are several, so that no guessed location
 * is sent along with the one the admin ticks.
 */
export function initialLocationIds(
  member: StaffMember | null,
  locations: readonly Location[],
): string[] {
  if (member) return member.locationIds;

  const [only] = locations;

  return locations.length === 1 && only ? [only.id] : [];
}
