import type { SetupRequest } from "../../../common/api";
import { newPasswordProblem } from "../../components/passwordRules";

/** Error messages of the setup form, by field. */
export type SetupFieldErrors = Partial<Record<keyof SetupRequest, string>>;

const MAX_NAME_LENGTH = 100;

/**
 * Something, an @, and a dot in the domain. The server checks the address
 * fully, so this only catches the common slips before sending.
 */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks every field of the setup form with the server's rules, so the form
 * can show all problems at once. The server returns only the first one.
 */
export function setupFieldErrors(form: SetupRequest): SetupFieldErrors {
  const errors: SetupFieldErrors = {
    companyName: nameProblem(form.companyName, "the company name"),
    ownerName: nameProblem(form.ownerName, "the owner's name"),
    ownerEmail: emailProblem(form.ownerEmail),
    password: newPasswordProblem(form.password),
  };

  return Object.fromEntries(
    Object.entries(errors).filter(([, message]) => message !== undefined),
  );
}

function nameProblem(value: string, label: string): string | undefined {
  const name = value.trim();
  if (name === "") return `Enter ${label}.`;

  if (name.length > MAX_NAME_LENGTH) {
    return `Use at most ${MAX_NAME_LENGTH} characters for ${label}.`;
  }

  return undefined;
}

function emailProblem(value: string): string | undefined {
  const email = value.trim();
  if (email === "") return "Enter an email address.";

  if (!EMAIL_SHAPE.test(email)) {
    return "Enter a valid email address, such as ada@example.com.";
  }

  return undefined;
}
