import { describe, expect, test } from "vitest";
import type { Customer } from "../../../common/api";
import { ApiError } from "../../api/ApiError";
import {
  customersSharingPhone,
  customersToOpen,
  sharedPhoneWarning,
} from "./sharedPhone";

function customer(name: string): Customer {
  return {
    id: name,
    name,
    phone: "(415) 555-0177",
    phoneE164: "+14155550177",
  };
}

describe("customersSharingPhone", () => {
  test("returns listed customers of phone_on_file", () => {
    const carla = customer("Carla Gomez");
    const error = new ApiError(409, "phone_on_file", "Taken.", undefined, [
      carla,
    ]);

    expect(customersSharingPhone(error)).toEqual([carla]);
  });

  test("ignores other errors", () => {
    expect(customersSharingPhone(new ApiError(409, "conflict", "x"))).toBe(
      null,
    );
    expect(customersSharingPhone(null)).toBe(null);
  });
});

describe("sharedPhoneWarning", () => {
  test("one customer", () => {
    expect(sharedPhoneWarning([customer("Carla Gomez")])).toBe(
      "Carla Gomez already has +1 415 555 0177.",
    );
  });

  test("two customers", () => {
    const text = sharedPhoneWarning([
      customer("Carla Gomez"),
      customer("Luis Gomez"),
    ]);

    expect(text).toBe(
      "Carla Gomez and Luis Gomez already have +1 415 555 0177.",
    );
  });

  test("counts names past three", () => {
    const names = ["A", "B", "C", "D", "E"].map(customer);

    expect(sharedPhoneWarning(names)).toBe(
      "A, B, C and 2 other customers already have +1 415 555 0177.",
    );
    expect(customersToOpen(names)).toHaveLength(3);
  });

  test("no listed customer", () => {
    expect(sharedPhoneWarning([])).toBe(
      "Another customer already has this number.",
    );
  });
});
