import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseLocaleNumber, parsePercent, parseDate, parseDateTime, numberShape, isMissing, looksLikeCode, parseBoolean, REGION_CODE,
} from '../../../src/modules/data/datastore/cell-parse.ts';

test('Indonesian numbers: dot groups, comma decimals', () => {
  assert.equal(parseLocaleNumber('1.053,92', 'id'), '1053.92');
  assert.equal(parseLocaleNumber('6.643,98', 'id'), '6643.98');
  assert.equal(parseLocaleNumber('20.153,15', 'id'), '20153.15');
  assert.equal(parseLocaleNumber('4.955.578', 'id'), '4955578');
  assert.equal(parseLocaleNumber('64,7', 'id'), '64.7');
  assert.equal(parseLocaleNumber('61,30', 'id'), '61.3');
  assert.equal(parseLocaleNumber('-1.000', 'id'), '-1000');
  assert.equal(parseLocaleNumber('1 053,92', 'id'), '1053.92');
  assert.equal(parseLocaleNumber('0,50', 'id'), '0.5');
});

test('the seed typo 6,643,98 is a number in neither locale', () => {
  assert.equal(parseLocaleNumber('6,643,98', 'id'), null);
  assert.equal(parseLocaleNumber('6,643,98', 'en'), null);
  assert.equal(numberShape('6,643,98'), 'invalid');
});

test('English numbers and shapes', () => {
  assert.equal(parseLocaleNumber('1,053.92', 'en'), '1053.92');
  assert.equal(parseLocaleNumber('1,053.92', 'id'), null);
  assert.equal(numberShape('1.053,92'), 'id');
  assert.equal(numberShape('64,7'), 'id');
  assert.equal(numberShape('64.7'), 'en');
  assert.equal(numberShape('1.146'), 'ambiguous');
  assert.equal(numberShape('116'), 'plain');
});

test('percentages', () => {
  assert.equal(parsePercent('94,30%', 'id'), '94.3');
  assert.equal(parsePercent('92,54 %', 'id'), '92.54');
  assert.equal(parsePercent('94.30%', 'en'), '94.3');
  assert.equal(parsePercent('94,30', 'id'), null);
});

test('dates with Indonesian month names and day-first numerics', () => {
  assert.equal(parseDate('17 Agustus 2021'), '2021-08-17');
  assert.equal(parseDate('17 agt 2021'), '2021-08-17');
  assert.equal(parseDate('Selasa, 17 Agustus 2021'), '2021-08-17');
  assert.equal(parseDate('1 Mei 2020'), '2020-05-01');
  assert.equal(parseDate('31 Desember 2019'), '2019-12-31');
  assert.equal(parseDate('17/08/2021'), '2021-08-17');
  assert.equal(parseDate('17-08-2021'), '2021-08-17');
  assert.equal(parseDate('2021-08-17'), '2021-08-17');
  assert.equal(parseDate('30 Februari 2021'), null);
  assert.equal(parseDate('17 Agustusan 2021'), null);
  assert.equal(parseDateTime('2021-08-17 10:30'), '2021-08-17T10:30:00');
});

test('missing values, codes, booleans, region codes', () => {
  assert.ok(isMissing('-'));
  assert.ok(isMissing(' '));
  assert.ok(!isMissing('0'));
  assert.ok(looksLikeCode('007'));
  assert.ok(looksLikeCode('5271012345678901'));
  assert.ok(!looksLikeCode('52'));
  assert.equal(parseBoolean('Ya'), true);
  assert.equal(parseBoolean('tidak'), false);
  assert.equal(parseBoolean('y'), null);
  assert.ok(REGION_CODE.test('52.01'));
  assert.ok(REGION_CODE.test('52.71.01.1001'));
  assert.ok(!REGION_CODE.test('52.1'));
});
