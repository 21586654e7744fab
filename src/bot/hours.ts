/** When human agents answer, in the support team's time zone. */
export interface BusinessHours {
  /** IANA time zone, e.g. "Asia/Singapore" */
  timeZone: string;
  /** per weekday, opening ranges like "09:00-18:00"; a missing day is closed */
  weekly: Partial<Record<Weekday, string[]>>;
  /** closed dates, "YYYY-MM-DD" in `timeZone` */
  holidays?: string[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The date, weekday and minute of the day at an instant in a time zone. */
function local(hours: BusinessHours, at: Date): { date: string; day: Weekday; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = parts.weekday.toLowerCase().slice(0, 3) as Weekday;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day: DAYS.includes(day) ? day : 'mon', minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function minutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) throw new RangeError(`business hours: '${hhmm}' is not a time like 09:30`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when humans are at work at that instant. */
export function isOpen(hours: BusinessHours, at: Date): boolean {
  const { date, day, minute } = local(hours, at);
  if (hours.holidays?.includes(date)) return false;
  return (hours.weekly[day] ?? []).some((range) => {
    const [from, to] = range.split('-').map(minutes);
    return minute >= from && minute < (to === 0 ? 24 * 60 : to);
  });
}

/** The next instant (to the quarter hour, within two weeks) when humans are at work. */
export function nextOpening(hours: BusinessHours, from: Date): Date | undefined {
  const step = 15 * 60_000;
  let t = Math.ceil(from.getTime() / step) * step;
  for (let i = 0; i < 14 * 96; i++, t += step) if (isOpen(hours, new Date(t))) return new Date(t);
  return undefined;
}
