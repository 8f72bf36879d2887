import { AppError, ValidationError } from '../http/errors.ts';
import { t, type Locale } from '../i18n/i18n.ts';
import type { FieldErrors } from '../views/components.ts';

/** Field errors of a validation error in the user's language, for re-rendering a form; rethrows anything else. */
export function formErrors(locale: Locale, err: unknown): FieldErrors {
  if (err instanceof ValidationError || (err instanceof AppError && err.fields.length && err.status < 500)) {
    const out: FieldErrors = {};
    for (const f of err.fields) out[f.field] ??= t(locale, f.key, f.params);
    if (!Object.keys(out).length) out._ = t(locale, err.key, err.params);
    return out;
  }
  throw err;
}

/** A form value as a trimmed string ('' when absent). */
export function str(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[0] ?? '').trim() : '';
}

/** Only same-site paths are accepted as a "next" target after login. */
export function safeNext(next: unknown): string {
  const s = typeof next === 'string' ? next : '';
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\') ? s : '/';
}
