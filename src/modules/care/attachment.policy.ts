/**
 * What a report may carry (pure rules) and how images are made safe to show.
 * - Up to 5 files per report, each at most 10 MB, typed from their content (file-type), never their name.
 * - Accepted: JPEG, PNG, WebP images and PDF. Anything else — including an executable renamed to
 *   .jpg — is refused with a message naming the file and what it really is.
 * - Images are decoded and re-encoded (JPEG, max 2048 px) so EXIF, GPS, XMP and ICC-embedded data
 *   never leave the staff area; the original is kept for staff only.
 */

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_MIMES = ['application/pdf'] as const;

export type AttachmentKind = 'image' | 'pdf';

export type AttachmentCheck =
  | { ok: true; kind: AttachmentKind }
  | { ok: false; key: 'care.attachment.tooLarge' | 'care.attachment.badType' | 'care.attachment.empty' | 'care.attachment.tooMany'; params: Record<string, string | number> };

const CLAIMS: Record<string, string> = { jpg: 'image', jpeg: 'image', png: 'image', webp: 'image', pdf: 'pdf' };

/** Checks one file: `detectedMime` comes from the content (null if unrecognised). */
export function checkAttachment(f: { name: string; size: number; detectedMime: string | null; index?: number }): AttachmentCheck {
  const name = f.name || 'berkas';
  if ((f.index ?? 0) >= MAX_ATTACHMENTS) return { ok: false, key: 'care.attachment.tooMany', params: { max: MAX_ATTACHMENTS } };
  if (f.size === 0) return { ok: false, key: 'care.attachment.empty', params: { name } };
  if (f.size > MAX_ATTACHMENT_BYTES) {
    return { ok: false, key: 'care.attachment.tooLarge', params: { name, maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 } };
  }
  const mime = f.detectedMime;
  if (mime && (IMAGE_MIMES as readonly string[]).includes(mime)) return { ok: true, kind: 'image' };
  if (mime && (DOCUMENT_MIMES as readonly string[]).includes(mime)) return { ok: true, kind: 'pdf' };
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return {
    ok: false,
    key: 'care.attachment.badType',
    params: { name, claimed: CLAIMS[ext] ? ext.toUpperCase() : '-', actual: mime ?? 'unknown' },
  };
}

export interface SanitizedImage {
  data: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
}

/**
 * Decodes and re-encodes an image: orientation applied, then every metadata block (EXIF incl. GPS,
 * XMP, IPTC, ICC profile) dropped — sharp writes none unless asked. Transparent images are flattened
 * on white. Throws if the content is not a decodable image.
 */
export async function sanitizeImage(input: Buffer, maxSide = 2048): Promise<SanitizedImage> {
  const sharp = (await import('sharp')).default; // loaded on use
  const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 50_000_000 })
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { data, mime: 'image/jpeg', width: info.width, height: info.height };
}
