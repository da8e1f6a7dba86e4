import type { Location } from "../../../common/api.js";

export function presentLocation(row: { id: string; name: string }): Location {
  return { id: row.id, name: row.name };
}
