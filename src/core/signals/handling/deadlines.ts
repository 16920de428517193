// Pure deadline calendar for signals: working days in Europe/Brussels, without weekends and Belgian public holidays.
// No clock, no database: every function is a function of its arguments.

/** A calendar day without a time or zone, as 'YYYY-MM-DD'. */
export type PlainDate = string;

export type HolidayKey =
	'new_year' | 'easter_monday' | 'labour_day' | 'ascension_day' | 'whit_monday' | 'national_day' | 'assumption' | 'all_saints' | 'armistice' | 'christmas';

/** `key` is stable so the UI can translate the holiday's name. */
export type PublicHoliday = { readonly key: HolidayKey; readonly date: PlainDate };

/** Days closed on top of weekends and public holidays (an organisation's bridge days); build one with `workingCalendar`. */
export type WorkingCalendar = { readonly closedDays: ReadonlySet<PlainDate> };

export type DueState = 'on_time' | 'due_today' | 'overdue';

const ZONE = 'Europe/Brussels';
const DAY_MS = 86_400_000;
const MAX_WORKING_DAYS = 365;
// Meeus' Easter rule holds for the Gregorian calendar (from 1583); a PlainDate has four year digits.
const MIN_YEAR = 1583;
const MAX_YEAR = 9999;

/** Weekends and the Belgian public holidays only. */
export const BELGIAN_CALENDAR: WorkingCalendar = workingCalendar();

/** A calendar that is also closed on `closedDays` ('YYYY-MM-DD'); throws a RangeError on a malformed day. */
export function workingCalendar(closedDays: readonly PlainDate[] = []): WorkingCalendar {
	for (const day of closedDays) parsePlainDate(day);
	return Object.freeze({ closedDays: new Set(closedDays) });
}

/** Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8). */
export function easterSunday(year: number): PlainDate {
	return plainDateOf(easterDayNumber(year));
}

// Law of 4 January 1974 on public holidays (wet betreffende de feestdagen), art. 1, with the royal decree of 18 April
// 1974 that names the ten days. Community holidays (11 July, 27 September, ...) are not among them: add them to a
// calendar's closed days where an organisation closes.
const holidayCache = new Map<number, { list: readonly PublicHoliday[]; days: ReadonlySet<number> }>();

function holidaysOf(year: number): { list: readonly PublicHoliday[]; days: ReadonlySet<number> } {
	const cached = holidayCache.get(year);
	if (cached) return cached;
	const easter = easterDayNumber(year);
	const dated: [HolidayKey, number][] = [
		['new_year', dayNumber(year, 1, 1)],
		['easter_monday', easter + 1],
		['labour_day', dayNumber(year, 5, 1)],
		['ascension_day', easter + 39],
		['whit_monday', easter + 50],
		['national_day', dayNumber(year, 7, 21)],
		['assumption', dayNumber(year, 8, 15)],
		['all_saints', dayNumber(year, 11, 1)],
		['armistice', dayNumber(year, 11, 11)],
		['christmas', dayNumber(year, 12, 25)]
	];
	dated.sort((a, b) => a[1] - b[1]); // Ascension can fall before or after 1 May
	const entry = {
		list: Object.freeze(dated.map(([key, day]) => Object.freeze({ key, date: plainDateOf(day) }))),
		days: new Set(dated.map(([, day]) => day))
	};
	holidayCache.set(year, entry);
	return entry;
}

/** The ten Belgian public holidays of a year, in date order. */
export function belgianPublicHolidays(year: number): readonly PublicHoliday[] {
	return holidaysOf(year).list;
}

/** Whether a day is a working day; a Date counts as its day in Europe/Brussels. */
export function isWorkingDay(date: Date | PlainDate, calendar: WorkingCalendar = BELGIAN_CALENDAR): boolean {
	const day = typeof date === 'string' ? parsePlainDate(date) : brusselsDayNumber(date);
	return isWorkingDayNumber(day, calendar);
}

/**
 * The end (23:59:59.999 Europe/Brussels) of the `workingDays`-th working day after the day of receipt; the day of
 * receipt itself does not count, and 0 working days means the end of that day.
 */
export function deadlineFor(receivedAt: Date, workingDays: number, calendar: WorkingCalendar = BELGIAN_CALENDAR): Date {
	if (!Number.isInteger(workingDays) || workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
		throw new RangeError(`workingDays must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${workingDays}`);
	}
	let day = brusselsDayNumber(receivedAt);
	for (let left = workingDays; left > 0;) {
		day += 1;
		if (isWorkingDayNumber(day, calendar)) left -= 1;
	}
	return new Date(endOfDayMs(day));
}

/** Working days after `from`'s day up to and including `to`'s day (in Europe/Brussels); 0 when `to` is not later. */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar = BELGIAN_CALENDAR): number {
	const last = brusselsDayNumber(to);
	let count = 0;
	for (let day = brusselsDayNumber(from) + 1; day <= last; day++) if (isWorkingDayNumber(day, calendar)) count++;
	return count;
}

/**
 * The latest deadline whose second deadline, `workingDays` working days later (as `deadlineFor` counts them), has
 * passed by `now`: every deadline up to it is due for escalation, none after it. The second deadline grows with the
 * day of the first, so the first day found walking back from today is the one.
 */
export function lastDeadlineEscalatedBy(now: Date, workingDays: number, calendar: WorkingCalendar = BELGIAN_CALENDAR): Date {
	const today = brusselsDayNumber(now);
	for (let day = today; ; day--) {
		const noon = new Date(day * DAY_MS + 12 * HOUR_MS); // noon UTC falls on the same day in Brussels
		if (deadlineFor(noon, workingDays, calendar).getTime() < now.getTime()) return new Date(endOfDayMs(day));
	}
}

export function isOverdue(deadline: Date, now: Date): boolean {
	return now.getTime() > deadline.getTime();
}

/** 'due_today' while the deadline is still ahead but falls on today's day in Europe/Brussels. */
export function dueState(deadline: Date, now: Date): DueState {
	if (isOverdue(deadline, now)) return 'overdue';
	return brusselsDayNumber(deadline) === brusselsDayNumber(now) ? 'due_today' : 'on_time';
}

/** The day in Europe/Brussels on which an instant falls. */
export function brusselsDate(at: Date): PlainDate {
	return plainDateOf(brusselsDayNumber(at));
}

/** Minutes since midnight on the wall clock in Europe/Brussels (07:30 is 450). */
export function brusselsMinuteOfDay(at: Date): number {
	const ms = at.getTime();
	if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
	const wall = brusselsWallClockMs(ms);
	return Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / 60_000);
}

// Days are counted as day numbers (days since 1970-01-01), which makes stepping and comparing plain arithmetic.

function isWorkingDayNumber(day: number, calendar: WorkingCalendar): boolean {
	const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
	if (weekday === 0 || weekday === 6) return false;
	if (holidaysOf(new Date(day * DAY_MS).getUTCFullYear()).days.has(day)) return false;
	return calendar.closedDays.size === 0 || !calendar.closedDays.has(plainDateOf(day));
}

function easterDayNumber(year: number): number {
	if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
		throw new RangeError(`year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`);
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return dayNumber(year, month, day);
}

function dayNumber(year: number, month: number, day: number): number {
	return Date.UTC(year, month - 1, day) / DAY_MS;
}

function plainDateOf(day: number): PlainDate {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parsePlainDate(date: PlainDate): number {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const day = match ? dayNumber(Number(match[1]), Number(match[2]), Number(match[3])) : NaN;
	if (Number.isNaN(day) || plainDateOf(day) !== date) throw new RangeError(`Not a date as YYYY-MM-DD: ${date}`);
	return day;
}

// One formatter, built once: building an Intl.DateTimeFormat costs far more than using it.
const brusselsClock = new Intl.DateTimeFormat('en-US', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: 'numeric',
	minute: 'numeric',
	second: 'numeric'
});

const HOUR_MS = 3_600_000;
/** The zone's offset per UTC hour: Brussels changes its clocks on the hour, so within one UTC hour the offset holds. */
const offsetByHour = new Map<number, number>();

/**
 * The wall clock in Brussels at `ms`, read as if it were UTC (so subtracting `ms` gives the zone's offset). Reading
 * the clock through Intl costs microseconds and every intake asks it a few times for its deadline; the offset of
 * each UTC hour is kept (a few hundred hours at most).
 */
function brusselsWallClockMs(ms: number): number {
	const hour = Math.floor(ms / HOUR_MS);
	let offset = offsetByHour.get(hour);
	if (offset === undefined) {
		offset = readBrusselsClock(hour * HOUR_MS) - hour * HOUR_MS;
		if (offsetByHour.size >= 1000) offsetByHour.clear();
		offsetByHour.set(hour, offset);
	}
	return ms + offset;
}

function readBrusselsClock(ms: number): number {
	let year = 0;
	let month = 0;
	let day = 0;
	let hour = 0;
	let minute = 0;
	let second = 0;
	for (const part of brusselsClock.formatToParts(ms)) {
		if (part.type === 'year') year = Number(part.value);
		else if (part.type === 'month') month = Number(part.value);
		else if (part.type === 'day') day = Number(part.value);
		else if (part.type === 'hour') hour = Number(part.value);
		else if (part.type === 'minute') minute = Number(part.value);
		else if (part.type === 'second') second = Number(part.value);
	}
	return Date.UTC(year, month - 1, day, hour, minute, second);
}

function brusselsDayNumber(at: Date): number {
	const ms = at.getTime();
	if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
	return Math.floor(brusselsWallClockMs(ms) / DAY_MS);
}

function offsetMs(ms: number): number {
	const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
	return brusselsWallClockMs(wholeSecond) - wholeSecond;
}

// The end of a local day: guess with the zone's offset at the wall-clock time, then correct with the offset at the guess.
// Brussels changes clocks at 01:00 UTC, never near midnight, so today the correction never moves the guess; it keeps
// the result right should the zone's rules change. Cached per day: the same few days recur on every intake.
const endOfDayCache = new Map<number, number>();

function endOfDayMs(day: number): number {
	const cached = endOfDayCache.get(day);
	if (cached !== undefined) return cached;
	const wallClock = (day + 1) * DAY_MS - 1;
	const end = wallClock - offsetMs(wallClock - offsetMs(wallClock));
	endOfDayCache.set(day, end);
	return end;
}
