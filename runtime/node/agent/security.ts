// The agent's gatekeeping, as small pure functions the server calls on every connection and request:
// the pairing token (constant-time), the Origin allowlist, the Host header (DNS rebinding), and a
// token bucket for rates. Each check answers null (pass) or the reason it refused, which is logged.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh pairing token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `given` is the token, in time that does not depend on where they differ. Both are hashed
 * first so the compare is over equal lengths (timingSafeEqual throws on unequal ones, and the length
 * alone would leak).
 */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 512) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** The token from `?token=` or `Authorization: Bearer ...`; null when neither is there. */
export function tokenOf(url: URL, authorization: string | undefined): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return bearer ?? url.searchParams.get('token');
}

/** The workbook's own origins: the local site (npm start, astro dev) on its usual ports. */
export const DEFAULT_ORIGINS: readonly string[] = ['http://localhost:4321', 'http://127.0.0.1:4321'];

/** `https://example.org/path` -> `https://example.org`; a bad URL is an error that says which. */
export function normalizeOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--allow-origin ${text}: not a URL (give one like https://workbook.example.org)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--allow-origin ${text}: only http and https origins can be allowed`);
  return url.origin;
}

/**
 * Null when `origin` may talk to the agent, else why not. A request without Origin comes from a program
 * (curl, the CLI, the tests), not from a web page, and still needs the token; a page always sends one.
 */
export function originProblem(origin: string | undefined, allowed: readonly string[]): string | null {
  if (origin === undefined) return null;
  if (allowed.includes(origin)) return null;
  return `Origin ${origin} is not allowed (allowed: ${allowed.join(', ')}; add one with --allow-origin)`;
}

/**
 * Null when the Host header names this agent on loopback, else why not. A DNS-rebinding page reaches
 * 127.0.0.1 under its own name (attacker.example:PORT): its Host header gives it away.
 */
export function hostProblem(host: string | undefined, port: number): string | null {
  if (!host) return 'no Host header';
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (allowed.includes(host.toLowerCase())) return null;
  return `Host ${JSON.stringify(host.slice(0, 100))} is not this agent (expected ${allowed.join(' or ')}): a DNS-rebinding page looks like this`;
}

/** A token bucket: `burst` at once, refilled at `perSecond`. */
export class RateLimit {
  private tokens: number;
  private last: number;
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly now: () => number;
  constructor(perSecond: number, burst: number, now: () => number = () => performance.now()) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one; false when the bucket is empty (the caller refuses). */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
