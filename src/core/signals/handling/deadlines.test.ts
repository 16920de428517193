// Deadlines in working days, told as the stories of signals that land on awkward dates: weekends, Easter, the
// Christmas break, late evenings and nights in Brussels, and the nights the clocks change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	belgianPublicHolidays,
	brusselsDate,
	brusselsMinuteOfDay,
	deadlineFor,
	dueState,
	easterSunday,
	isOverdue,
	isWorkingDay,
	lastDeadlineEscalatedBy,
	workingCalendar,
	workingDaysBetween
} from './deadlines';

// The test reads Brussels wall-clock time on its own, so it does not trust the module it checks.
const brusselsClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Brussels',
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	fractionalSecondDigits: 3,
	weekday: 'long'
});

/** 'Tuesday 2026-03-10 23:59:59.999' in Brussels. */
function inBrussels(at: Date): string {
	const p = Object.fromEntries(brusselsClock.formatToParts(at).map((part) => [part.type, part.value]));
	return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${p.fractionalSecond}`;
}

const at = (iso: string) => new Date(iso);

describe('a deadline in working days', () => {
	it('a tenant of De Vlashaard reports damp on Friday evening; two working days later is Tuesday, end of day', () => {
		const deadline = deadlineFor(at('2026-03-13T19:45:00+01:00'), 2);
		expect(inBrussels(deadline)).toBe('Tuesday 2026-03-17 23:59:59.999');
		expect(deadline.toISOString()).toBe('2026-03-17T22:59:59.999Z');
	});

	it('a signal on a Saturday starts counting on Monday', () => {
		expect(inBrussels(deadlineFor(at('2026-03-14T10:00:00+01:00'), 1))).toBe('Monday 2026-03-16 23:59:59.999');
	});

	it('with 0 working days the deadline is the end of the day of receipt, even on a weekend', () => {
		expect(inBrussels(deadlineFor(at('2026-03-11T08:00:00+01:00'), 0))).toBe('Wednesday 2026-03-11 23:59:59.999');
		expect(inBrussels(deadlineFor(at('2026-03-14T08:00:00+01:00'), 0))).toBe('Saturday 2026-03-14 23:59:59.999');
	});

	it('a signal on Maundy Thursday 2027 waits out Good Friday (a working day), the weekend and Easter Monday', () => {
		// Easter Sunday 28 March 2027; Good Friday is not a public holiday in Belgium.
		expect(inBrussels(deadlineFor(at('2027-03-25T14:00:00+01:00'), 1))).toBe('Friday 2027-03-26 23:59:59.999');
		expect(inBrussels(deadlineFor(at('2027-03-25T14:00:00+01:00'), 2))).toBe('Tuesday 2027-03-30 23:59:59.999');
		expect(isWorkingDay('2027-03-29')).toBe(false);
	});

	it('in May 2026 Ascension Day and Whit Monday are skipped', () => {
		// Easter 5 April 2026: Ascension Thursday 14 May, Whit Monday 25 May.
		expect(inBrussels(deadlineFor(at('2026-05-13T11:00:00+02:00'), 1))).toBe('Friday 2026-05-15 23:59:59.999');
		expect(inBrussels(deadlineFor(at('2026-05-22T11:00:00+02:00'), 1))).toBe('Tuesday 2026-05-26 23:59:59.999');
		expect(inBrussels(deadlineFor(at('2026-05-12T11:00:00+02:00'), 10))).toBe('Thursday 2026-05-28 23:59:59.999');
	});

	it('over Christmas and New Year 2026–2027 the two holidays and the weekends do not count', () => {
		// Christmas Friday 25 Dec 2026, New Year Friday 1 Jan 2027.
		const received = at('2026-12-23T16:00:00+01:00');
		expect(inBrussels(deadlineFor(received, 1))).toBe('Thursday 2026-12-24 23:59:59.999');
		expect(inBrussels(deadlineFor(received, 2))).toBe('Monday 2026-12-28 23:59:59.999');
		expect(inBrussels(deadlineFor(received, 6))).toBe('Monday 2027-01-04 23:59:59.999');
		expect(workingDaysBetween(received, at('2027-01-04T12:00:00+01:00'))).toBe(6);
	});

	it('National Day on Tuesday 21 July 2026 does not count', () => {
		expect(inBrussels(deadlineFor(at('2026-07-20T09:00:00+02:00'), 1))).toBe('Wednesday 2026-07-22 23:59:59.999');
		expect(isWorkingDay('2026-07-21')).toBe(false);
	});

	it('refuses a negative or fractional number of working days, and more than a year', () => {
		const received = at('2026-03-10T09:00:00+01:00');
		expect(() => deadlineFor(received, -1)).toThrow(RangeError);
		expect(() => deadlineFor(received, 1.5)).toThrow(RangeError);
		expect(() => deadlineFor(received, 366)).toThrow(RangeError);
		expect(() => deadlineFor(received, Number.NaN)).toThrow(RangeError);
		expect(() => deadlineFor(new Date(Number.NaN), 2)).toThrow(RangeError);
		expect(deadlineFor(received, 365).getTime()).toBeGreaterThan(received.getTime());
	});
});

describe('the day of receipt is the day in Brussels, not in UTC', () => {
	it('a signal at 23:30 on a summer evening in Brussels (21:30Z) counts as that day', () => {
		const received = at('2026-06-10T21:30:00Z');
		expect(brusselsDate(received)).toBe('2026-06-10');
		expect(inBrussels(deadlineFor(received, 1))).toBe('Thursday 2026-06-11 23:59:59.999');
		expect(deadlineFor(received, 1).toISOString()).toBe('2026-06-11T21:59:59.999Z');
	});

	it('a signal at 00:30 at night in Brussels (22:30Z the evening before) counts as the next day', () => {
		const received = at('2026-06-10T22:30:00Z');
		expect(brusselsDate(received)).toBe('2026-06-11');
		expect(inBrussels(deadlineFor(received, 1))).toBe('Friday 2026-06-12 23:59:59.999');
	});

	it('a deadline ends at 22:59:59.999Z in winter', () => {
		expect(deadlineFor(at('2026-01-14T10:00:00+01:00'), 1).toISOString()).toBe('2026-01-15T22:59:59.999Z');
	});

	it('across the spring clock change (29 March 2026) the deadline moves from 22:59Z to 21:59Z', () => {
		const received = at('2026-03-27T18:00:00+01:00'); // Friday, winter time
		const deadline = deadlineFor(received, 1);
		expect(inBrussels(deadline)).toBe('Monday 2026-03-30 23:59:59.999');
		expect(deadline.toISOString()).toBe('2026-03-30T21:59:59.999Z');
		// A signal on the Sunday itself, 23:30 local in summer time.
		expect(brusselsDate(at('2026-03-29T21:30:00Z'))).toBe('2026-03-29');
		expect(deadlineFor(at('2026-03-29T21:30:00Z'), 0).toISOString()).toBe('2026-03-29T21:59:59.999Z');
	});

	it('across the autumn clock change (25 October 2026) the deadline moves from 21:59Z to 22:59Z', () => {
		const received = at('2026-10-23T18:00:00+02:00'); // Friday, summer time
		const deadline = deadlineFor(received, 1);
		expect(inBrussels(deadline)).toBe('Monday 2026-10-26 23:59:59.999');
		expect(deadline.toISOString()).toBe('2026-10-26T22:59:59.999Z');
		expect(deadlineFor(at('2026-10-24T12:00:00+02:00'), 0).toISOString()).toBe('2026-10-24T21:59:59.999Z');
		expect(deadlineFor(at('2026-10-25T12:00:00+01:00'), 0).toISOString()).toBe('2026-10-25T22:59:59.999Z');
	});
});

describe('Belgian public holidays', () => {
	it('finds Easter Sunday for years the team can check in a diary', () => {
		const known: Record<number, string> = {
			2024: '2024-03-31',
			2025: '2025-04-20',
			2026: '2026-04-05',
			2027: '2027-03-28',
			2030: '2030-04-21',
			2038: '2038-04-25'
		};
		for (const [year, easter] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(easter);
	});

	it('lists the ten legal holidays of 2026 in date order, each with a key the UI translates', () => {
		expect(belgianPublicHolidays(2026)).toEqual([
			{ key: 'new_year', date: '2026-01-01' },
			{ key: 'easter_monday', date: '2026-04-06' },
			{ key: 'labour_day', date: '2026-05-01' },
			{ key: 'ascension_day', date: '2026-05-14' },
			{ key: 'whit_monday', date: '2026-05-25' },
			{ key: 'national_day', date: '2026-07-21' },
			{ key: 'assumption', date: '2026-08-15' },
			{ key: 'all_saints', date: '2026-11-01' },
			{ key: 'armistice', date: '2026-11-11' },
			{ key: 'christmas', date: '2026-12-25' }
		]);
	});

	it('lists both when Ascension falls on Labour Day (2008), and keeps date order when it comes first (2285)', () => {
		const in2008 = belgianPublicHolidays(2008);
		expect(in2008).toHaveLength(10);
		expect(in2008.filter((h) => h.date === '2008-05-01').map((h) => h.key)).toEqual(['labour_day', 'ascension_day']);
		// Easter on 22 March 2285, the earliest it can fall: Ascension on 30 April.
		expect(easterSunday(2285)).toBe('2285-03-22');
		expect(
			belgianPublicHolidays(2285)
				.map((h) => h.key)
				.slice(1, 4)
		).toEqual(['easter_monday', 'ascension_day', 'labour_day']);
	});

	it('does not let a caller change the cached holidays', () => {
		const list = belgianPublicHolidays(2027);
		expect(Object.isFrozen(list)).toBe(true);
		expect(() => (list as { key: string; date: string }[]).push({ key: 'x', date: '2027-06-01' })).toThrow(TypeError);
		expect(belgianPublicHolidays(2027)).toHaveLength(10);
	});

	it('refuses years outside the Gregorian calendar or a four-digit year', () => {
		expect(() => easterSunday(1500)).toThrow(RangeError);
		expect(() => easterSunday(2026.5)).toThrow(RangeError);
		expect(() => easterSunday(10000)).toThrow(RangeError);
	});

	it('tells working days from weekends and holidays, for a plain date or an instant seen in Brussels', () => {
		expect(isWorkingDay('2026-03-10')).toBe(true); // Tuesday
		expect(isWorkingDay('2026-03-14')).toBe(false); // Saturday
		expect(isWorkingDay('2026-11-11')).toBe(false); // Armistice, a Wednesday
		expect(isWorkingDay(at('2026-11-10T23:30:00Z'))).toBe(false); // 00:30 on 11 November in Brussels
		expect(isWorkingDay(at('2026-11-10T22:30:00Z'))).toBe(true); // 23:30 on 10 November in Brussels
		expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
	});
});

describe("an organisation's own closed days", () => {
	it('the OCMW closes on the bridge day after Ascension 2026, so its deadline moves to Monday', () => {
		const ocmw = workingCalendar(['2026-05-15']);
		const received = at('2026-05-13T10:00:00+02:00');
		expect(inBrussels(deadlineFor(received, 1))).toBe('Friday 2026-05-15 23:59:59.999');
		expect(inBrussels(deadlineFor(received, 1, ocmw))).toBe('Monday 2026-05-18 23:59:59.999');
		expect(isWorkingDay('2026-05-15', ocmw)).toBe(false);
		expect(workingDaysBetween(received, at('2026-05-18T09:00:00+02:00'), ocmw)).toBe(1);
	});

	it('refuses a closed day that is not a date', () => {
		expect(() => workingCalendar(['15/05/2026'])).toThrow(RangeError);
		expect(() => workingCalendar(['2026-13-01'])).toThrow(RangeError);
	});
});

describe('answered in N working days, and how late', () => {
	it('counts the working days after the day of receipt up to the day of the answer', () => {
		const received = at('2026-03-13T19:45:00+01:00'); // Friday evening
		expect(workingDaysBetween(received, at('2026-03-13T22:00:00+01:00'))).toBe(0); // same day
		expect(workingDaysBetween(received, at('2026-03-15T10:00:00+01:00'))).toBe(0); // Sunday
		expect(workingDaysBetween(received, at('2026-03-17T08:00:00+01:00'))).toBe(2); // Tuesday
		expect(workingDaysBetween(received, at('2026-03-01T08:00:00+01:00'))).toBe(0); // before receipt
	});

	it('a housing company sees a signal as on time, due today, then overdue', () => {
		const deadline = deadlineFor(at('2026-03-13T19:45:00+01:00'), 2); // end of Tuesday 17 March
		expect(dueState(deadline, at('2026-03-16T15:00:00+01:00'))).toBe('on_time');
		expect(dueState(deadline, at('2026-03-17T00:10:00+01:00'))).toBe('due_today');
		expect(dueState(deadline, at('2026-03-17T23:59:59.999+01:00'))).toBe('due_today');
		expect(isOverdue(deadline, at('2026-03-17T23:59:59.999+01:00'))).toBe(false);
		expect(dueState(deadline, at('2026-03-18T00:00:00+01:00'))).toBe('overdue');
		expect(isOverdue(deadline, at('2026-03-18T00:00:00+01:00'))).toBe(true);
	});
});

describe('for any moment of receipt', () => {
	it('the deadline ends a working day in Brussels, exactly n working days later', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
				fc.integer({ min: 0, max: 30 }),
				(receivedAt, n) => {
					const deadline = deadlineFor(receivedAt, n);
					expect(inBrussels(deadline).endsWith(' 23:59:59.999')).toBe(true);
					expect(inBrussels(new Date(deadline.getTime() + 1)).endsWith(' 00:00:00.000')).toBe(true);
					expect(deadline.getTime()).toBeGreaterThan(receivedAt.getTime());
					expect(workingDaysBetween(receivedAt, deadline)).toBe(n);
					// With n = 0 the deadline is the day of receipt itself, which may be a weekend or holiday.
					if (n > 0) expect(isWorkingDay(deadline)).toBe(true);
					else expect(brusselsDate(deadline)).toBe(brusselsDate(receivedAt));
				}
			),
			{ numRuns: 500 }
		);
	});
});

describe('the second deadline, after which a coordinator hears of an overdue signal', () => {
	it('a leak due Wednesday 4 November 2026 escalates after 3 more working days: from Tuesday, not on Monday', () => {
		const due = deadlineFor(at('2026-11-02T09:00:00Z'), 2);
		expect(inBrussels(lastDeadlineEscalatedBy(at('2026-11-09T22:00:00Z'), 3))).toBe('Tuesday 2026-11-03 23:59:59.999');
		expect(lastDeadlineEscalatedBy(at('2026-11-09T22:59:59Z'), 3).getTime()).toBeLessThan(due.getTime());
		expect(lastDeadlineEscalatedBy(at('2026-11-09T23:00:00Z'), 3).getTime()).toBe(due.getTime());
	});

	it('for any moment and number of days, a deadline escalates exactly when its second deadline has passed', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
				fc.integer({ min: 1, max: 30 }),
				fc.integer({ min: 0, max: 60 }),
				(now, days, back) => {
					const cutoff = lastDeadlineEscalatedBy(now, days);
					expect(deadlineFor(cutoff, days).getTime()).toBeLessThan(now.getTime());
					const nextDay = new Date(cutoff.getTime() + 1);
					expect(deadlineFor(nextDay, days).getTime()).toBeGreaterThanOrEqual(now.getTime());
					const earlier = new Date(cutoff.getTime() - back * 86_400_000);
					expect(deadlineFor(earlier, days).getTime()).toBeLessThan(now.getTime());
				}
			),
			{ numRuns: 300 }
		);
	});

	it('the digest hour is read on the Brussels clock, summer and winter', () => {
		expect(brusselsMinuteOfDay(at('2026-11-05T06:00:00Z'))).toBe(7 * 60);
		expect(brusselsMinuteOfDay(at('2026-07-05T05:30:00Z'))).toBe(7 * 60 + 30);
		expect(brusselsMinuteOfDay(at('2026-03-29T00:59:00Z'))).toBe(1 * 60 + 59);
		expect(brusselsMinuteOfDay(at('2026-03-29T01:00:00Z'))).toBe(3 * 60);
	});
});
