/** Keyset (cursor) pagination: the cursor is the last row's sort key, opaque to clients. */
import { BadRequestError } from './errors.ts';

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === arity) return v;
  } catch { /* fall through */ }
  throw new BadRequestError('error.badCursor', {}, [{ field: 'cursor', key: 'error.badCursor' }]);
}

/** Clamps a requested page size. */
export function pageSize(limit: unknown, dflt = 20, max = 100): number {
  const n = Number(limit);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : dflt;
}
