import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CODE_ALPHABET,
  hashSecret,
  isValidTrackingCode,
  newReporterSecret,
  newTrackingCode,
  normaliseTrackingCode,
  secretMatches,
} from '../../../src/modules/care/tracking-code.ts';

test('shape: XXXXX-XXXXX from the unambiguous alphabet', () => {
  for (let i = 0; i < 200; i++) {
    const c = newTrackingCode();
    assert.match(c, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    assert.ok(isValidTrackingCode(c));
  }
  for (const ch of 'ILOU') assert.ok(!CODE_ALPHABET.includes(ch));
});

test('codes are random: 20,000 draws, no collision, every symbol used in every position', () => {
  const seen = new Set<string>();
  const perPos: Array<Set<string>> = Array.from({ length: 9 }, () => new Set());
  for (let i = 0; i < 20_000; i++) {
    const c = newTrackingCode();
    seen.add(c);
    const body = c.replace('-', '').slice(0, 9);
    [...body].forEach((ch, j) => perPos[j]!.add(ch));
  }
  assert.equal(seen.size, 20_000);
  for (const s of perPos) assert.equal(s.size, 32);
});

test('uses the injected random source (deterministic)', () => {
  const zeros = () => new Uint8Array(9);
  assert.equal(newTrackingCode(zeros), '00000-00000');
  const c = newTrackingCode(() => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  assert.ok(c.startsWith('12345-6789'));
  assert.equal(c, newTrackingCode(() => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])));
  // only the low 5 bits count: 33 ≡ 1
  assert.equal(newTrackingCode(() => Uint8Array.from([33, 34, 35, 36, 37, 38, 39, 40, 41])), c);
});

test('normalisation: case, dashes, spaces and look-alike letters', () => {
  const code = newTrackingCode(() => Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]));
  const [a, b] = code.split('-');
  assert.equal(normaliseTrackingCode(`${a!.toLowerCase()} ${b!.toLowerCase()}`), code);
  assert.equal(normaliseTrackingCode(code.replace(/0/g, 'O').replace(/1/g, 'l')), code);
});

test('a single typo or an adjacent swap is caught by the check character', () => {
  const code = newTrackingCode(() => Uint8Array.from([10, 11, 12, 13, 14, 15, 16, 17, 18])).replace('-', '');
  for (let i = 0; i < 10; i++) {
    for (const ch of CODE_ALPHABET) {
      if (ch === code[i]) continue;
      const typo = code.slice(0, i) + ch + code.slice(i + 1);
      const isZeroZ = (ch === '0' && code[i] === 'Z') || (ch === 'Z' && code[i] === '0');
      if (!isZeroZ) assert.equal(normaliseTrackingCode(typo), null, typo);
    }
  }
  for (let i = 0; i < 9; i++) {
    const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
    assert.equal(normaliseTrackingCode(swapped), null, swapped);
  }
});

test('garbage is rejected', () => {
  for (const s of ['', 'ABC', '00000-0000U', '<script>', '00000-00000-0']) assert.equal(normaliseTrackingCode(s), null, s);
});

test('reporter secrets: 256-bit, hashed, constant-time match', () => {
  const s = newReporterSecret();
  assert.equal(Buffer.from(s, 'base64url').length, 32);
  const h = hashSecret(s);
  assert.ok(secretMatches(s, h));
  assert.ok(!secretMatches(s + 'x', h));
  assert.ok(!secretMatches(s, 'abc'));
  assert.notEqual(newReporterSecret(), s);
});
