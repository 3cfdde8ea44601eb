/**
 * No usable sign-in: the user must sign in again (device code or browser). Its own module, free of MSAL, so the
 * bridge without Microsoft 365 never loads the sign-in library to know this error.
 */
export class SignInRequiredError extends Error {
  constructor(reason: string) {
    super(`Microsoft 365 sign-in required: ${reason}`);
    this.name = "SignInRequiredError";
  }
}
