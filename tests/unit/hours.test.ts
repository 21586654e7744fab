import { describe, expect, it } from 'vitest';
import { checkHours, isOpen, nextOpening, type BusinessHours } from '../../src/bot/hours.js';
import { createBot } from '../../src/bot/create-bot.js';
import { fixture, packOf } from '../helpers.js';

const weekdays = (range: string) => ({ mon: [range], tue: [range], wed: [range], thu: [range], fri: [range] });
const singapore: BusinessHours = { timeZone: 'Asia/Singapore', weekly: weekdays('09:00-18:00'), holidays: ['2026-12-25'] };
const utc = (iso: string) => new Date(`${iso}Z`);

describe('business hours', () => {
  it("reads the schedule in the team's time zone, not the server's", () => {
    // Monday 2026-11-23, 09:00 in Singapore (UTC+8) is 01:00 UTC.
    expect(isOpen(singapore, utc('2026-11-23T00:59'))).toBe(false);
    expect(isOpen(singapore, utc('2026-11-23T01:00'))).toBe(true);
    expect(isOpen(singapore, utc('2026-11-23T09:59'))).toBe(true);
    expect(isOpen(singapore, utc('2026-11-23T10:00'))).toBe(false); // 18:00 closes
    // Sunday 23:30 UTC is already Monday 07:30 in Singapore, still closed; Friday 17:00 UTC is Saturday there.
    expect(isOpen(singapore, utc('2026-11-22T23:30'))).toBe(false);
    expect(isOpen(singapore, utc('2026-11-27T17:00'))).toBe(false);
  });

  it('follows daylight saving time', () => {
    const newYork: BusinessHours = { timeZone: 'America/New_York', weekly: weekdays('09:00-17:00') };
    // 09:00 in New York is 14:00 UTC in winter (EST) and 13:00 UTC in summer (EDT).
    expect(isOpen(newYork, utc('2026-01-12T13:30'))).toBe(false);
    expect(isOpen(newYork, utc('2026-01-12T14:00'))).toBe(true);
    expect(isOpen(newYork, utc('2026-07-13T13:00'))).toBe(true);
    expect(isOpen(newYork, utc('2026-07-13T21:00'))).toBe(false);
    // Half-hour and quarter-hour zones: Kolkata UTC+5:30, Kathmandu UTC+5:45.
    expect(isOpen({ timeZone: 'Asia/Kolkata', weekly: weekdays('09:00-18:00') }, utc('2026-11-23T03:30'))).toBe(true);
    expect(isOpen({ timeZone: 'Asia/Kolkata', weekly: weekdays('09:00-18:00') }, utc('2026-11-23T03:29'))).toBe(false);
    expect(isOpen({ timeZone: 'Asia/Kathmandu', weekly: weekdays('09:00-18:00') }, utc('2026-11-23T03:15'))).toBe(true);
  });

  it("closes on holidays, in the team's calendar", () => {
    // Christmas 2026 is a Friday; 10:00 in Singapore is 02:00 UTC.
    expect(isOpen(singapore, utc('2026-12-25T02:00'))).toBe(false);
    expect(isOpen(singapore, utc('2026-12-24T02:00'))).toBe(true);
  });

  it('takes several ranges a day, ranges past midnight and whole days', () => {
    const split: BusinessHours = { timeZone: 'UTC', weekly: { mon: ['09:00-12:00', '13:00-17:30'] } };
    expect(isOpen(split, utc('2026-11-23T11:59'))).toBe(true);
    expect(isOpen(split, utc('2026-11-23T12:30'))).toBe(false);
    expect(isOpen(split, utc('2026-11-23T17:29'))).toBe(true);
    expect(isOpen(split, utc('2026-11-23T17:30'))).toBe(false);

    const night: BusinessHours = { timeZone: 'UTC', weekly: { fri: ['22:00-02:00'] }, holidays: ['2026-11-28'] };
    expect(isOpen(night, utc('2026-11-27T21:59'))).toBe(false);
    expect(isOpen(night, utc('2026-11-27T23:00'))).toBe(true);
    // Saturday 01:00 still belongs to Friday's shift, even though Saturday is a holiday.
    expect(isOpen(night, utc('2026-11-28T01:00'))).toBe(true);
    expect(isOpen(night, utc('2026-11-28T02:00'))).toBe(false);

    const always: BusinessHours = { timeZone: 'Europe/Madrid', weekly: { sat: ['00:00-24:00'], sun: ['18:00-00:00'] } };
    expect(isOpen(always, utc('2026-11-28T00:00'))).toBe(true); // Saturday 01:00 in Madrid
    expect(isOpen(always, utc('2026-11-28T22:59'))).toBe(true); // Saturday 23:59
    expect(isOpen(always, utc('2026-11-29T22:30'))).toBe(true); // Sunday 23:30, open until midnight
    expect(isOpen(always, utc('2026-11-29T23:00'))).toBe(false); // Monday 00:00
  });

  it('finds the next opening across nights, weekends, holidays and daylight saving', () => {
    // Friday 2026-11-27 19:00 in Singapore → Monday 09:00 there.
    expect(nextOpening(singapore, utc('2026-11-27T11:00'))?.toISOString()).toBe('2026-11-30T01:00:00.000Z');
    // Thursday evening before Christmas → Monday 2026-12-28, skipping the Friday holiday.
    expect(nextOpening(singapore, utc('2026-12-24T12:00'))?.toISOString()).toBe('2026-12-28T01:00:00.000Z');
    // Already open: now, rounded up to the quarter hour.
    expect(nextOpening(singapore, utc('2026-11-23T02:07'))?.toISOString()).toBe('2026-11-23T02:15:00.000Z');
    // Saturday 2026-03-07 in New York; Monday opens at 09:00 EDT, after the clocks moved on Sunday.
    const newYork: BusinessHours = { timeZone: 'America/New_York', weekly: weekdays('09:00-17:00') };
    expect(nextOpening(newYork, utc('2026-03-07T15:00'))?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    // Never open within two weeks.
    expect(nextOpening({ timeZone: 'UTC', weekly: {} }, utc('2026-11-23T00:00'))).toBeUndefined();
  });

  it('explains a malformed schedule instead of guessing', () => {
    expect(() => isOpen({ timeZone: 'UTC', weekly: { mon: ['9-18'] } }, utc('2026-11-23T10:00'))).toThrow(/'9' is not a time like 09:30/);
    expect(() => isOpen({ timeZone: 'UTC', weekly: { mon: ['09:00'] } }, utc('2026-11-23T10:00'))).toThrow(/not a range like 09:00-18:00/);
    expect(() => isOpen({ timeZone: 'UTC', weekly: { mon: ['09:75-18:00'] } }, utc('2026-11-23T10:00'))).toThrow(RangeError);
    expect(() => isOpen({ timeZone: 'Mars/Olympus', weekly: {} }, utc('2026-11-23T10:00'))).toThrow(RangeError);
  });

  it('turns handoffs outside business hours into tickets', async () => {
    const closedNow = createBot(packOf(fixture('kb-mini')), { hours: singapore, now: () => utc('2026-11-28T03:00') });
    expect(closedNow.handoff().live).toBe(false);
    const openNow = createBot(packOf(fixture('kb-mini')), { hours: singapore, now: () => utc('2026-11-23T03:00') });
    expect(openNow.handoff().live).toBe(true);
  });
});

describe('checkHours', () => {
  const good = { timeZone: 'Asia/Singapore', weekly: { mon: ['09:00-18:00'], sat: ['22:00-02:00'] }, holidays: ['2026-12-25'] };

  it('accepts good hours and says what is wrong with bad ones', () => {
    expect(checkHours(good)).toBeUndefined();
    expect(checkHours({ ...good, timeZone: 'Mars/Olympus' })).toMatch(/timeZone 'Mars\/Olympus' is not an IANA time zone/);
    expect(checkHours({ ...good, weekly: { mon: ['25:00-99:00'] } })).toMatch(/'25:00' is not a time like 09:30/);
    expect(checkHours({ ...good, weekly: { mon: ['9-5pm'] } })).toMatch(/not a time/);
    expect(checkHours({ ...good, weekly: { monday: ['09:00-18:00'] } })).toMatch(/'monday' is not a weekday/);
    expect(checkHours({ ...good, weekly: { mon: '09:00-18:00' } })).toMatch(/must be a list of ranges/);
    expect(checkHours({ ...good, holidays: ['25/12/2026'] })).toMatch(/holidays/);
    expect(checkHours('09:00-18:00')).toMatch(/must be an object/);
  });

  it('is checked once by createBot, which refuses bad hours with the reason', () => {
    expect(() => createBot(packOf(fixture('kb-mini')), { hours: { timeZone: 'Nowhere/City', weekly: {} } })).toThrow(
      /createBot: hours timeZone 'Nowhere\/City'/,
    );
  });
});
