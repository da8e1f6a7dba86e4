/** Length limits of a new password; the server's NewPasswordSchema enforces the same. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1000;

/** Returns what is wrong with a new password, or undefined when it is valid. */
export function newPasswordProblem(password: string): string | undefined {
  if (password === "") return "Enter a password.";

  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
  }

  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Use a password of at most ${MAX_PASSWORD_LENGTH} characters.`;
  }

  return undefined;
}
