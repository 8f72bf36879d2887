/**
 * Message catalogues. Every user-visible string comes from here: Bahasa Indonesia first, English second.
 * Modules add their catalogues with `registerMessages`; keys are prefixed with the module name.
 */
import { coreMessages } from './core-messages.ts';

export type Locale = 'id' | 'en';
export const LOCALES: Locale[] = ['id', 'en'];
export type Catalogue = Record<Locale, Record<string, string>>;

const catalogue: Catalogue = { id: {}, en: {} };

/** Adds a module's messages. A key defined twice is a programming error. */
export function registerMessages(messages: Catalogue): void {
  for (const locale of LOCALES) {
    for (const [k, v] of Object.entries(messages[locale] ?? {})) {
      if (k in catalogue[locale] && catalogue[locale][k] !== v) throw new Error(`message key defined twice: ${k}`);
      catalogue[locale][k] = v;
    }
  }
}
registerMessages(coreMessages);

export function isLocale(v: unknown): v is Locale {
  return v === 'id' || v === 'en';
}

/** Translates `key` with `{name}` placeholders; falls back to Indonesian, then to the key itself. */
export function t(locale: Locale, key: string, params?: Record<string, string | number>): string {
  let s = catalogue[locale][key] ?? catalogue.id[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
  return s;
}

/** Whether every key exists in both languages; used by a test. */
export function missingTranslations(): string[] {
  const missing: string[] = [];
  for (const k of Object.keys(catalogue.id)) if (!(k in catalogue.en)) missing.push(`en:${k}`);
  for (const k of Object.keys(catalogue.en)) if (!(k in catalogue.id)) missing.push(`id:${k}`);
  return missing;
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID'),
  en: new Intl.NumberFormat('en-GB'),
};
export function formatNumber(locale: Locale, n: number, digits?: number): string {
  if (digits !== undefined) return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  return numberFormats[locale].format(n);
}
export function formatDate(locale: Locale, d: Date | string | null | undefined, withTime = false): string {
  if (!d) return '';
  const date = typeof d === 'string' ? new Date(d) : d;
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Makassar',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}
