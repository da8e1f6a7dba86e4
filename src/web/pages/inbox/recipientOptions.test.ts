import { describe, expect, it } from "vitest";
import type { Customer } from "../../../common/api";
import {
  isSameCustomer,
  recipientOptionKey,
  suggestionsFor,
} from "./recipientOptions";

const SHARED = "+14155559901";
const jon: Customer = {
  id: "c-jon",
  name: "Jon Rivera",
  phone: SHARED,
  phoneE164: SHARED,
};
const maya: Customer = {
  id: "c-maya",
  name: "Maya Rivera",
  phone: SHARED,
  phoneE164: SHARED,
};
const ann: Customer = {
  id: "c-ann",
  name: "Ann Lee",
  phone: "+14155550142",
  phoneE164: "+14155550142",
};

describe("recipientOptionKey", () => {
  it("differs for customers sharing a number", () => {
    expect(recipientOptionKey(jon)).not.toBe(recipientOptionKey(maya));
  });

  it("keeps a typed number apart from a customer", () => {
    expect(recipientOptionKey(SHARED)).not.toBe(recipientOptionKey(jon));
  });
});

describe("isSameCustomer", () => {
  it("compares by id, not number", () => {
    expect(isSameCustomer(jon, maya)).toBe(false);
    expect(isSameCustomer(jon, { ...jon, name: "Jon R." })).toBe(true);
  });

  it("never matches typed text", () => {
    expect(isSameCustomer(jon, SHARED)).toBe(false);
  });
});

describe("suggestionsFor", () => {
  it("shows results of the current text", () => {
    const result = { query: "Ri", customers: [jon, maya] };

    expect(suggestionsFor(result, "Ri")).toEqual([jon, maya]);
  });

  it("hides results of an earlier text", () => {
    const result = { query: "Ri", customers: [jon, maya] };

    expect(suggestionsFor(result, "Ann")).toEqual([]);
  });

  it("shows nothing before any result", () => {
    expect(suggestionsFor(null, "Ann")).toEqual([]);
  });

  it("lists each customer once", () => {
    const result = { query: "4155559", customers: [jon, maya, jon, ann] };

    expect(suggestionsFor(result, "4155559")).toEqual([jon, maya, ann]);
  });
});
