// Errors a user can act on. The CLI prints their message as one line (no stack unless --debug)
// and exits with their code; anything else is a bug and says so.

/** Exit codes (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** Input, source or data problem: unreadable file, missing column, unreachable database. */
  failure: 1,
  /** hcc check found a figure that does not hold (the same code as a failure: the document is not right). */
  findings: 1,
  /** Wrong flag, period or option value. */
  usage: 2,
  /** --strict and some rows were rejected. */
  rejected: 3,
} as const;

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    /** The error behind the message (a driver's), shown by --debug. */
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserError';
  }
}

export class UsageError extends UserError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

// Database passwords never reach a message. A password is found where drivers read it: the URL's
// userinfo (which ends at the LAST "@" before the host: "p@ss:w0rd" is one password) and password-like
// query parameters (?password=, pass, pwd, sslpassword, …). Both as written and percent-decoded.

const SCHEME = /^([a-z][a-z0-9+.-]*:)(\/*)/i;
/** Query parameters whose value is a secret, whatever the driver: password, pass, pwd, sslpassword, passwd, secret, token. */
const SECRET_PARAM = /pass|pwd|secret|token/i;
/** Shorter secrets are masked inside URLs only: hiding every "ab" of every message would garble it. */
const MIN_REDACTED = 3;

interface UrlParts {
  /** Scheme and slashes: "postgres://". */
  head: string;
  /** Text after the head. */
  rest: string;
  /** Index in `rest` of the "@" that ends the userinfo, or -1. */
  at: number;
}

function urlParts(url: string): UrlParts | null {
  const m = SCHEME.exec(url);
  // sqlite:path has no password, and a path may hold "@" or ":".
  if (m?.[1].toLowerCase() === 'sqlite:') return null;
  // An address typed without its scheme ("baocao:mat-khau@may-chu/csdl", where "baocao:" looks like
  // one) still hides its password.
  const head = m && (m[2] !== '' || !url.includes('@')) ? m[0] : '';
  const rest = url.slice(head.length);
  // WHATWG URL: the authority ends at the first / ? #, and its userinfo at the authority's last "@".
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  let at = authority.lastIndexOf('@');
  // A password with an unencoded / ? or # (the drivers refuse such a URL): the last "@" of all.
  if (at < 0) at = rest.lastIndexOf('@');
  return { head, rest, at };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The passwords a database URL holds, each as written, decoded and encoded. */
export function urlSecrets(url: string): string[] {
  const parts = urlParts(url);
  if (!parts) return [];
  const raw: string[] = [];
  if (parts.at >= 0) {
    const userinfo = parts.rest.slice(0, parts.at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) raw.push(userinfo.slice(colon + 1));
  }
  for (const m of parts.rest.matchAll(/[?&;]([^=&#;]*)=([^&#;]*)/g)) {
    if (SECRET_PARAM.test(safeDecode(m[1]))) raw.push(m[2]);
  }
  const out = new Set<string>();
  for (const r of raw) {
    const decoded = safeDecode(r);
    const plus = safeDecode(r.replace(/\+/g, ' '));
    const encoded = encodeURIComponent(decoded);
    const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
    for (const v of [r, decoded, plus, encoded, lowerHex]) if (v !== '') out.add(v);
  }
  return [...out];
}

/** Hides the password of a database URL (userinfo and password-like query parameters) before it reaches a message. */
export function maskUrl(url: string): string {
  const parts = urlParts(url);
  if (!parts) return url;
  let { rest } = parts;
  if (parts.at >= 0) {
    const userinfo = rest.slice(0, parts.at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) rest = `${userinfo.slice(0, colon)}:***${rest.slice(parts.at)}`;
  }
  rest = rest.replace(/([?&;])([^=&#;]*)=([^&#;]*)/g, (whole, sep: string, key: string) =>
    SECRET_PARAM.test(safeDecode(key)) ? `${sep}${key}=***` : whole,
  );
  return redact(parts.head + rest, urlSecrets(url));
}

/** `text` with every secret replaced by *** (longest first, so one secret inside another is hidden whole). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length >= MIN_REDACTED).sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join('***');
  }
  return out;
}
