import { describe, expect, it } from 'vitest';
import { INT4_MAX, INT4_MIN, parseId, parseInteger, parsePage } from '../../src/lib/domain/integer';

describe('parseInteger', () => {
	it('reads decimal digits, with spaces around them', () => {
		expect(parseInteger('0')).toBe(0);
		expect(parseInteger('42')).toBe(42);
		expect(parseInteger(' 7 ')).toBe(7);
		expect(parseInteger('007')).toBe(7);
	});

	it('accepts PostgreSQL integer’s largest value and refuses the next one', () => {
		expect(parseInteger(String(INT4_MAX))).toBe(INT4_MAX);
		expect(parseInteger(String(INT4_MAX + 1))).toBeNull();
		expect(parseInteger('99999999999999999999999')).toBeNull();
		expect(parseInteger('9'.repeat(5000))).toBeNull();
	});

	it('refuses what is not a whole number in digits', () => {
		for (const text of [
			'',
			' ',
			'1.5',
			'1e3',
			'0x10',
			'+1',
			'1 2',
			'١٢',
			'Infinity',
			'NaN',
			'1\u0000'
		])
			expect(parseInteger(text), JSON.stringify(text)).toBeNull();
		expect(parseInteger(null)).toBeNull();
		expect(parseInteger(undefined)).toBeNull();
		expect(parseInteger(12)).toBeNull();
	});

	it('refuses a minus sign unless the range goes below zero', () => {
		expect(parseInteger('-3')).toBeNull();
		expect(parseInteger('-3', { min: -10 })).toBe(-3);
		expect(parseInteger(String(INT4_MIN), { min: INT4_MIN })).toBe(INT4_MIN);
		expect(parseInteger('-11', { min: -10 })).toBeNull();
	});

	it('keeps to the range asked for', () => {
		expect(parseInteger('5', { min: 1, max: 5 })).toBe(5);
		expect(parseInteger('6', { min: 1, max: 5 })).toBeNull();
		expect(parseInteger('0', { min: 1 })).toBeNull();
		expect(parseInteger(String(2 ** 53), { max: Number.MAX_SAFE_INTEGER })).toBeNull();
	});
});

describe('parseId and parsePage', () => {
	it('reads a positive integer id, nothing else', () => {
		expect(parseId('12')).toBe(12);
		expect(parseId('0')).toBeNull();
		expect(parseId('-1')).toBeNull();
		expect(parseId('2147483648')).toBeNull();
	});

	it('gives page 1 for an absent or unreadable page, and never more than the last', () => {
		expect(parsePage(null)).toBe(1);
		expect(parsePage('abc')).toBe(1);
		expect(parsePage('0')).toBe(1);
		expect(parsePage('99999999999999999999999')).toBe(1);
		expect(parsePage('3')).toBe(3);
		expect(parsePage('30', 4)).toBe(4);
		expect(parsePage('2', 0)).toBe(1);
	});
});
