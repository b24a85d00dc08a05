// Errors a user can act on. The CLI prints their message as one line (no stack unless --debug)
// and exits with their code; anything else is a bug and says so.

/** Exit codes (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** Input, source or data problem: unreadable file, missing column, unreachable database. */
  failure: 1,
  /** Wrong flag, period or option value. */
  usage: 2,
  /** --strict and some rows were rejected. */
  rejected: 3,
} as const;

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class UsageError extends UserError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** Hides the password of a database URL before it reaches a message. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}
