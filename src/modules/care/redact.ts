/**
 * Redacts personal data from text shown to the public (report titles, descriptions, responses).
 * Pure. Catches the forms Indonesians actually write:
 * - NIK / KK numbers: 16 digits, also grouped with spaces, dots or dashes (e.g. 5271 0123 4567 8901);
 * - mobile numbers: +62 / 62 / 0 followed by 8 and 8–11 more digits, with optional separators
 *   (+62 812-3456-7890, 0812 3456 7890, (+62)81234567890, 62.812.3456.7890);
 * - landlines with an area code: (0370) 123456, 0370-631234, +62 370 631234;
 * - e-mail addresses, including "nama [at] domain [dot] com" obfuscations.
 * Money amounts (Rp 1.500.000), years and dates are left alone.
 */

export interface RedactionLabels {
  nik: string;
  phone: string;
  email: string;
}

export const defaultRedactionLabels: RedactionLabels = {
  nik: '[NIK disembunyikan]',
  phone: '[nomor telepon disembunyikan]',
  email: '[email disembunyikan]',
};

export interface RedactionResult {
  text: string;
  counts: { nik: number; phone: number; email: number };
}

const SEP = String.raw`[\s.\-]?`;

const EMAIL_RE = /[A-Za-z0-9._%+\-]+(?:@|\s*[\[(]\s*at\s*[\])]\s*)[A-Za-z0-9\-]+(?:(?:\.|\s*[\[(]\s*dot\s*[\])]\s*)[A-Za-z0-9\-]+)*(?:\.|\s*[\[(]\s*dot\s*[\])]\s*)[A-Za-z]{2,}/gi;

// 16 digits, optionally in groups (4-4-4-4, 6-6-4, 2-2-2-6-4 …): any run of digits and single
// separators holding exactly 16 digits, not glued to other digits.
const NIK_RE = /(?<![\d])(?:\d[\s.\-]?){15}\d(?![\d])/g;

// Mobile: country code or trunk 0, then 8, then 8–11 digits with optional single separators.
const MOBILE_RE = new RegExp(
  String.raw`(?<![\w+])(?:\(?\+?62\)?${SEP}|0)8(?:${SEP}\d){8,11}(?![\d])`,
  'g',
);

// Landline: (0xxx) / 0xxx / +62 xxx area code (2–3 digits after the 0, not 8), then 5–8 digits.
const LANDLINE_RE = new RegExp(
  String.raw`(?<![\w+])(?:\(0[2-79]\d{1,2}\)|0[2-79]\d{1,2}|\(?\+?62\)?${SEP}[2-79]\d{1,2})[\s.\-]?\d{3,4}[\s.\-]?\d{2,4}(?![\d])`,
  'g',
);

/** Redacts NIK, phone numbers and e-mail addresses; returns the text and what was found. */
export function redactPersonalData(input: string, labels: RedactionLabels = defaultRedactionLabels): RedactionResult {
  const counts = { nik: 0, phone: 0, email: 0 };
  let text = input.replace(EMAIL_RE, () => (counts.email++, labels.email));
  text = text.replace(NIK_RE, (m) => {
    if (m.replace(/\D/g, '').length !== 16) return m;
    counts.nik++;
    return labels.nik;
  });
  text = text.replace(MOBILE_RE, () => (counts.phone++, labels.phone));
  text = text.replace(LANDLINE_RE, (m) => {
    const digits = m.replace(/\D/g, '').replace(/^62/, '0');
    if (digits.length < 9 || digits.length > 12) return m;
    counts.phone++;
    return labels.phone;
  });
  return { text, counts };
}

/** Convenience: only the redacted text. */
export function redact(input: string, labels?: RedactionLabels): string {
  return redactPersonalData(input, labels).text;
}
