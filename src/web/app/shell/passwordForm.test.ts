import { describe, expect, it } from "vitest";
import { passwordFormErrors } from "./passwordForm";

const valid = {
  currentPassword: "old password",
  newPassword: "new long password",
  confirmation: "new long password",
};

describe("passwordFormErrors", () => {
  it("accepts a valid form", () => {
    expect(passwordFormErrors(valid)).toEqual({});
  });

  it("reports every invalid field", () => {
    const errors = passwordFormErrors({
      currentPassword: "",
      newPassword: "short",
      confirmation: "other",
    });

    expect(errors).toEqual({
      currentPassword: "Enter your current password.",
      newPassword: "Use a password of at least 10 characters.",
      confirmation: "The two new passwords differ. Type it again.",
    });
  });

  it("rejects an unchanged password", () => {
    const errors = passwordFormErrors({
      currentPassword: "same password",
      newPassword: "same password",
      confirmation: "same password",
    });

    expect(errors.newPassword).toMatch(/same as the current one/);
  });

  it("asks for a missing new password", () => {
    const errors = passwordFormErrors({
      ...valid,
      newPassword: "",
      confirmation: "",
    });

    expect(errors).toEqual({ newPassword: "Enter a password." });
  });
});
