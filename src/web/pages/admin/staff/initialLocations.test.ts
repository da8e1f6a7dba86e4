import { describe, expect, test } from "vitest";
import type { StaffMember } from "../../../../common/admin-api";
import { initialLocationIds } from "./initialLocations";

const harbor = { id: "loc-harbor", name: "Harbor location" };
const airport = { id: "loc-airport", name: "Airport location" };

const member: StaffMember = {
  id: "s1",
  name: "Sam Staff",
  email: "sam@example.com",
  role: { id: "r1", name: "Agents" },
  locationIds: [harbor.id],
  status: "active",
  invitationExpiresAt: null,
  createdAt: "2026-03-01T10:00:00.000Z",
};

describe("initialLocationIds", () => {
  test("new staff at several locations starts empty", () => {
    expect(initialLocationIds(null, [airport, harbor])).toEqual([]);
  });

  test("new staff at only location ticks it", () => {
    expect(initialLocationIds(null, [harbor])).toEqual([harbor.id]);
  });

  test("company without locations starts empty", () => {
    expect(initialLocationIds(null, [])).toEqual([]);
  });

  test("edited member keeps their locations", () => {
    expect(initialLocationIds(member, [airport, harbor])).toEqual([harbor.id]);
  });
});
