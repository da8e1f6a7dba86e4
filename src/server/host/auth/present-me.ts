import type { Me } from "../../../common/api.js";
import { presentLocation } from "../locations/present-location.js";

export interface MeSource {
  staff: { id: string; name: string; email: string };
  company: { id: string; name: string };
  role: { id: string; name: string };
  permissions: readonly string[];
  locations: readonly { id: string; name: string }[];
  csrfToken: string;
}

export function presentMe(source: MeSource): Me {
  return {
    staff: {
      id: source.staff.id,
      name: source.staff.name,
      email: source.staff.email,
    },
    company: { id: source.company.id, name: source.company.name },
    role: { id: source.role.id, name: source.role.name },
    permissions: [...source.permissions].sort(),
    locations: source.locations.map(presentLocation),
    csrfToken: source.csrfToken,
  };
}
