import crypto from 'node:crypto';

/** A random URL-safe token and the SHA-256 hash under which it is stored. */
export function newToken(prefix = ''): { token: string; hash: string } {
  const token = prefix + crypto.randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

/** HMAC used for CSRF tokens: bound to the visitor's csrf cookie, unforgeable without the server secret. */
export function hmac(secret: string, value: string): string {
  return crypto.createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
