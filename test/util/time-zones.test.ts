import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTimeZone, localDate, localMinutes, utcOffsetMinutes, zonedLocalToIso, zonedLocalValue } from '../../src/util/time-zones.js';

describe('time zones', () => {
  test('a local time in a zone becomes the UTC instant, on both sides of daylight saving', () => {
    assert.equal(zonedLocalToIso('2026-07-01T12:00', 'Europe/Brussels'), '2026-07-01T10:00:00.000Z');
    assert.equal(zonedLocalToIso('2026-01-01T12:00', 'Europe/Brussels'), '2026-01-01T11:00:00.000Z');
    assert.equal(zonedLocalToIso('2026-03-01T09:15', 'America/New_York'), '2026-03-01T14:15:00.000Z');
    assert.equal(zonedLocalToIso('2026-01-01T00:00', 'Asia/Kolkata'), '2025-12-31T18:30:00.000Z');
  });

  test('a date that does not exist is refused, not rolled into the next month', () => {
    assert.equal(zonedLocalToIso('2026-02-30T10:00', 'UTC'), null);
    assert.equal(zonedLocalToIso('2026-02-29T10:00', 'Europe/Brussels'), null);
    assert.equal(zonedLocalToIso('2026-04-31T10:00', 'Asia/Kolkata'), null);
    assert.equal(zonedLocalToIso('2026-13-01T10:00', 'UTC'), null);
    assert.equal(zonedLocalToIso('2026-00-10T10:00', 'UTC'), null);
    assert.equal(zonedLocalToIso('2026-01-00T10:00', 'UTC'), null);
    assert.equal(zonedLocalToIso('2026-01-10T24:00', 'UTC'), null);
    assert.equal(zonedLocalToIso('2026-01-10T10:60', 'UTC'), null);
    // A leap day that exists is kept.
    assert.equal(zonedLocalToIso('2028-02-29T10:00', 'UTC'), '2028-02-29T10:00:00.000Z');
  });

  test('a local value and back gives the same instant', () => {
    const iso = '2026-10-24T22:45:00.000Z';
    for (const zone of ['UTC', 'Europe/Brussels', 'Asia/Kolkata', 'America/New_York', 'Australia/Sydney']) {
      const local = zonedLocalValue(iso, zone);
      assert.match(local, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      assert.equal(zonedLocalToIso(local, zone), iso, zone);
    }
  });

  test('offsets, local dates and minutes since midnight', () => {
    assert.equal(utcOffsetMinutes('Asia/Kolkata', new Date('2026-01-15T12:00:00Z')), 330);
    assert.equal(utcOffsetMinutes('America/New_York', new Date('2026-01-15T12:00:00Z')), -300);
    assert.equal(utcOffsetMinutes('America/New_York', new Date('2026-07-15T12:00:00Z')), -240);
    assert.equal(localDate(new Date('2026-01-01T20:00:00Z'), 'Asia/Kolkata'), '2026-01-02');
    assert.equal(localDate(new Date('2026-01-01T03:00:00Z'), 'America/New_York'), '2025-12-31');
    assert.equal(localMinutes(new Date('2026-01-01T00:15:00Z'), 'Asia/Kolkata'), 5 * 60 + 45);
    assert.equal(localMinutes(new Date('2026-01-01T00:15:00Z'), 'UTC'), 15);
  });

  test('only IANA zones Intl knows count as time zones', () => {
    assert.equal(isTimeZone('Europe/Brussels'), true);
    assert.equal(isTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isTimeZone(''), false);
  });
});
