/**
 * A copy that cannot start or that failed verification. Its message names
 * what was wrong and what to do next. The command prints it and exits with 1.
 */
export class DatabaseCopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseCopyError";
  }
}
