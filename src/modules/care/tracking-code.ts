/**
 * Tracking codes for reports: short enough to read over the phone or type from an SMS, with no
 * ambiguous characters, random (crypto), and a check character that catches typos before a lookup.
 *
 * Alphabet: Crockford base32 (0-9, A-Z without I, L, O, U). Input is normalised Crockford-style:
 * case-insensitive, O → 0, I/L → 1, spaces and dashes ignored.
 * Shape: 9 random characters (45 bits) + 1 check character, shown as XXXXX-XXXXX.
 * 2^45 ≈ 3.5 × 10^13 codes: with a million reports and rate-limited lookups a guess succeeds with
 * probability ≈ 3 × 10^-8; the code only shows the public view of a report. Acting as the reporter
 * needs the separate secret of the tracking link (`newReporterSecret`).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 9;

function checkChar(body: string): string {
  // Weighted sum mod 31 (prime) over alphabet values catches every single substitution (except
  // 0 <-> Z, whose values differ by 31) and every adjacent transposition of different characters
  // (same exception); 31 < 32 so the check character stays in the alphabet.
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * CODE_ALPHABET.indexOf(body[i]!);
  return CODE_ALPHABET[sum % 31]!;
}

/** A new tracking code, e.g. "7KQ2M-X9DPR". `random` is injectable for tests. */
export function newTrackingCode(random: (n: number) => Uint8Array = (n) => randomBytes(n)): string {
  const bytes = random(RANDOM_LENGTH);
  let body = '';
  // 32 symbols: the low 5 bits of a uniform byte are uniform, so there is no modulo bias.
  for (let i = 0; i < RANDOM_LENGTH; i++) body += CODE_ALPHABET[bytes[i]! & 31];
  const code = body + checkChar(body);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Normalises user input to the canonical form, or null if it cannot be a valid code. */
export function normaliseTrackingCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== RANDOM_LENGTH + 1) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  if (checkChar(s.slice(0, RANDOM_LENGTH)) !== s[RANDOM_LENGTH]) return null;
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export function isValidTrackingCode(input: string): boolean {
  return normaliseTrackingCode(input) !== null;
}

/** The secret of the reporter's tracking link (256 bits, URL-safe); store only its hash. */
export function newReporterSecret(random: (n: number) => Uint8Array = (n) => randomBytes(n)): string {
  return Buffer.from(random(32)).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
