// The fields every module's forms share read a form's text and an API's JSON the same way: an empty field is "not
// given", a ticked checkbox is true, one choice or several is a list, and a page number is a number.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Invalid } from './errors';
import {
	checkbox,
	emptyAsMissing,
	formList,
	languageCode,
	omittableId,
	omittableIsoDate,
	omittableText,
	optionalIsoDate,
	optionalRecordId,
	optionalText,
	pageNumber,
	pageSize,
	parseInput,
	recordId
} from './validation';

const ID = '0193a5c2-7b1e-7c3d-8e4f-123456789abc';

describe('text fields', () => {
	it('trims text, and reads an empty one as null (stored) or undefined (a filter)', () => {
		expect(optionalText(10).parse('  Marie ')).toBe('Marie');
		for (const empty of ['', '   ', null, undefined]) expect(optionalText(10).parse(empty)).toBeNull();
		for (const empty of ['', '   ', undefined]) expect(omittableText(10).parse(empty)).toBeUndefined();
		expect(omittableText(10).parse(' lek ')).toBe('lek');
		expect(() => parseInput(optionalText(3), 'Wevelgem')).toThrow(Invalid);
		expect(() => parseInput(omittableText(3), 'Wevelgem')).toThrow(Invalid);
	});
});

describe('ids', () => {
	it('takes a record id, a chosen one (empty choice is null), or any short id of a filter (empty is undefined)', () => {
		expect(recordId.parse(ID)).toBe(ID);
		expect(() => parseInput(recordId, 'nope')).toThrow(Invalid);
		expect(optionalRecordId.parse(ID)).toBe(ID);
		for (const empty of ['', null, undefined]) expect(optionalRecordId.parse(empty)).toBeNull();
		expect(() => parseInput(optionalRecordId, 'nope')).toThrow(Invalid);
		expect(omittableId.parse(' area-1 ')).toBe('area-1');
		expect(omittableId.parse('')).toBeUndefined();
		expect(() => parseInput(omittableId, 'x'.repeat(65))).toThrow(Invalid);
	});
});

describe('checkboxes and lists from a form', () => {
	it('reads a ticked checkbox as true and anything else, or nothing, as false', () => {
		for (const ticked of ['on', 'true', '1', true]) expect(checkbox.parse(ticked)).toBe(true);
		for (const not of [undefined, '', 'off', 'false', '0', false]) expect(checkbox.parse(not)).toBe(false);
	});

	it('reads one value or several as a list, leaving out empty choices', () => {
		const ids = formList(z.array(z.string()).max(2));
		expect(ids.parse('a')).toEqual(['a']);
		expect(ids.parse(['a', '', 'b'])).toEqual(['a', 'b']);
		for (const none of [undefined, null, '']) expect(ids.parse(none)).toEqual([]);
		expect(() => parseInput(ids, ['a', 'b', 'c'])).toThrow(Invalid);
	});

	it('reads an empty choice as one not made', () => {
		const role = z.preprocess(emptyAsMissing, z.enum(['admin', 'coordinator']).optional());
		expect(role.parse('')).toBeUndefined();
		expect(role.parse(null)).toBeUndefined();
		expect(role.parse('admin')).toBe('admin');
	});
});

describe('days, pages and languages', () => {
	it('takes a real day, and reads an empty one as null (stored) or undefined (a filter)', () => {
		expect(optionalIsoDate.parse('2026-05-31')).toBe('2026-05-31');
		for (const empty of ['', null, undefined]) expect(optionalIsoDate.parse(empty)).toBeNull();
		expect(() => parseInput(optionalIsoDate, '31/05/2026')).toThrow(Invalid);
		expect(omittableIsoDate.parse('2026-05-31')).toBe('2026-05-31');
		expect(omittableIsoDate.parse('  ')).toBeUndefined();
		expect(() => parseInput(omittableIsoDate, '2026-02-30')).toThrow(Invalid);
	});

	it('reads a page number and size from a query string, within their bounds', () => {
		expect(pageNumber.parse('3')).toBe(3);
		expect(pageNumber.parse(undefined)).toBe(1);
		expect(() => parseInput(pageNumber, '0')).toThrow(Invalid);
		const size = pageSize(10, 200, 50);
		expect(size.parse(undefined)).toBe(50);
		expect(size.parse('100')).toBe(100);
		expect(() => parseInput(size, '5')).toThrow(Invalid);
	});

	it('takes a language code of two or three lower-case letters', () => {
		for (const code of ['nl', 'fr', 'ar', 'tzm']) expect(languageCode.parse(code)).toBe(code);
		for (const bad of ['NL', 'n', 'nl-BE', 'dutch']) expect(() => parseInput(languageCode, bad)).toThrow(Invalid);
	});
});
