import { newPasswordProblem } from "../../components/passwordRules";

/** The fields of the change-password form. */
export interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  /** The new password typed a second time. */
  confirmation: string;
}

export type PasswordFormErrors = Partial<Record<keyof PasswordForm, string>>;

/**
 * Checks every field of the change-password form, so the form can show all
 * problems at once. The new password follows the rules of setup and invites.
 */
export function passwordFormErrors(form: PasswordForm): PasswordFormErrors {
  const errors: PasswordFormErrors = {};
  if (form.currentPassword === "") {
    errors.currentPassword = "Enter your current password.";
  }

  const newProblem = newPasswordProblem(form.newPassword);
  if (newProblem !== undefined) {
    errors.newPassword = newProblem;
  } else if (form.newPassword === form.currentPassword) {
    errors.newPassword =
      "The new password is the same as the current one. Choose a different password.";
  }

  if (form.confirmation !== form.newPassword) {
    errors.confirmation = "The two new passwords differ. Type it again.";
  }

  return errors;
}
