import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { checkAttachment, sanitizeImage, MAX_ATTACHMENT_BYTES } from '../../../src/modules/care/attachment.policy.ts';

test('accepts images and PDFs by content', () => {
  assert.deepEqual(checkAttachment({ name: 'a.jpg', size: 10, detectedMime: 'image/jpeg' }), { ok: true, kind: 'image' });
  assert.deepEqual(checkAttachment({ name: 'surat', size: 10, detectedMime: 'application/pdf' }), { ok: true, kind: 'pdf' });
});

test('an executable named .jpg is refused, saying what it is', () => {
  assert.deepEqual(checkAttachment({ name: 'foto.jpg', size: 1000, detectedMime: 'application/x-msdownload' }), {
    ok: false, key: 'care.attachment.badType', params: { name: 'foto.jpg', claimed: 'JPG', actual: 'application/x-msdownload' },
  });
  assert.equal(checkAttachment({ name: 'foto.jpg', size: 1000, detectedMime: null }).ok, false);
  assert.equal(checkAttachment({ name: 'x.svg', size: 1000, detectedMime: 'application/xml' }).ok, false);
});

test('size limits and count', () => {
  assert.deepEqual(checkAttachment({ name: 'big.jpg', size: 50 * 1024 * 1024, detectedMime: 'image/jpeg' }), {
    ok: false, key: 'care.attachment.tooLarge', params: { name: 'big.jpg', maxMb: 10 },
  });
  assert.equal(checkAttachment({ name: 'ok.jpg', size: MAX_ATTACHMENT_BYTES, detectedMime: 'image/jpeg' }).ok, true);
  assert.equal(checkAttachment({ name: 'e.jpg', size: 0, detectedMime: null }).ok, false);
  assert.equal(checkAttachment({ name: 'sixth.jpg', size: 10, detectedMime: 'image/jpeg', index: 5 }).ok, false);
});

test('re-encoding strips EXIF including GPS, keeps the picture', async () => {
  const withGps = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '8/1 35/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 7/1 0/1' } })
    .toBuffer();
  const before = await sharp(withGps).metadata();
  assert.ok(before.exif && before.exif.length > 0, 'fixture must carry EXIF');
  assert.ok(withGps.includes(Buffer.from('PhoneMaker')));
  const out = await sanitizeImage(withGps);
  const after = await sharp(out.data).metadata();
  assert.equal(after.exif, undefined);
  assert.equal(after.xmp, undefined);
  assert.equal(after.icc, undefined);
  assert.ok(!out.data.includes(Buffer.from('PhoneMaker')));
  assert.equal((await fileTypeFromBuffer(out.data))?.mime, 'image/jpeg');
  assert.deepEqual([out.width, out.height], [64, 48]);
});

test('large images are scaled down; PNG with alpha becomes JPEG', async () => {
  const png = await sharp({ create: { width: 4000, height: 1000, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
  const out = await sanitizeImage(png);
  assert.deepEqual([out.width, out.height], [2048, 512]);
  assert.equal(out.mime, 'image/jpeg');
});

test('a fake image is rejected by the decoder', async () => {
  await assert.rejects(sanitizeImage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('MZ not really a jpeg')])));
});
