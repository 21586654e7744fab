/** When human agents answer, in the support team's time zone. */
export interface BusinessHours {
  /** IANA time zone, e.g. "Asia/Singapore" */
  timeZone: string;
  /**
   * per weekday, opening ranges like "09:00-18:00"; a missing day is closed. A range that ends at or before
   * it starts runs past midnight ("22:00-02:00"); "00:00-24:00" is the whole day.
   */
  weekly: Partial<Record<Weekday, string[]>>;
  /** closed dates, "YYYY-MM-DD" in `timeZone`; a range that starts the evening before still runs past midnight */
  holidays?: string[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MINUTES = 24 * 60;

const formats = new Map<string, Intl.DateTimeFormat>();
/** The date, weekday and minute of the day at an instant in a time zone. */
function local(timeZone: string, at: Date): { date: string; day: Weekday; minute: number } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const day = parts.weekday.toLowerCase().slice(0, 3) as Weekday;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function minutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  const value = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || value > DAY_MINUTES) throw new RangeError(`business hours: '${hhmm}' is not a time like 09:30`);
  return value;
}

/** A day's ranges as [from, to] minutes; `to <= from` runs past midnight. */
function ranges(hours: BusinessHours, day: Weekday): [number, number][] {
  return (hours.weekly[day] ?? []).map((range) => {
    const [from, to, extra] = String(range).split('-');
    if (to === undefined || extra !== undefined) throw new RangeError(`business hours: '${range}' is not a range like 09:00-18:00`);
    return [minutes(from), minutes(to)];
  });
}

function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * What is wrong with business hours given from outside (a `data-hours` attribute, the SDK's options), or
 * undefined when they are good: checked once at start, so a bad value turns business hours off instead
 * of making every handoff throw.
 */
export function checkHours(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return 'must be an object like {"timeZone":"Asia/Singapore","weekly":{"mon":["09:00-18:00"]}}';
  const h = value as BusinessHours;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: h.timeZone });
  } catch {
    return `timeZone '${String(h.timeZone)}' is not an IANA time zone like Asia/Singapore`;
  }
  if (!h.weekly || typeof h.weekly !== 'object') return "needs 'weekly', the opening ranges per weekday";
  for (const day of Object.keys(h.weekly)) if (!DAYS.includes(day as Weekday)) return `'${day}' is not a weekday (${DAYS.join(', ')})`;
  try {
    for (const day of DAYS) if (h.weekly[day] !== undefined && !Array.isArray(h.weekly[day])) return `'${day}' must be a list of ranges`;
    for (const day of DAYS) ranges(h, day);
  } catch (e) {
    return (e as Error).message.replace(/^business hours: /, '');
  }
  if (h.holidays !== undefined && !(Array.isArray(h.holidays) && h.holidays.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(String(d)))))
    return "'holidays' must be dates like 2026-12-25";
  return undefined;
}

/** True when humans are at work at that instant. */
export function isOpen(hours: BusinessHours, at: Date): boolean {
  const { date, day, minute } = local(hours.timeZone, at);
  const closed = (d: string) => hours.holidays?.includes(d) ?? false;
  const today = !closed(date) && ranges(hours, day).some(([from, to]) => minute >= from && (to > from ? minute < to : true));
  if (today) return true;
  // The part after midnight of a range that started yesterday evening.
  const yesterday = DAYS[(DAYS.indexOf(day) + 6) % 7];
  return !closed(dayBefore(date)) && ranges(hours, yesterday).some(([from, to]) => to <= from && minute < to);
}

/** The next instant (to the quarter hour, within two weeks) when humans are at work. */
export function nextOpening(hours: BusinessHours, from: Date): Date | undefined {
  // Every time zone's offset is a whole number of quarter hours, so quarter hours in UTC are quarter hours there.
  const step = 15 * 60_000;
  let t = Math.ceil(from.getTime() / step) * step;
  for (let i = 0; i < 14 * 96; i++, t += step) if (isOpen(hours, new Date(t))) return new Date(t);
  return undefined;
}
