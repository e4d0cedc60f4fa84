import { describe, expect, it } from 'vitest';
import { toCsv, type CsvValue } from '../../src/lib/server/opendata/csv';
import { validateRows, type TableSchema } from '../../src/lib/server/opendata/table-schema';

/** A tiny, strict RFC 4180 reader, independent of the writer: every record ends with CRLF. */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let i = 0;
	while (i < text.length) {
		let value = '';
		if (text[i] === '"') {
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('unterminated quoted field');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						value += '"';
						i += 2;
					} else {
						i++;
						break;
					}
				} else value += text[i++];
			}
		} else {
			while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
				if (text[i] === '"') throw new Error('quote in an unquoted field');
				value += text[i++];
			}
		}
		record.push(value);
		if (text[i] === ',') i++;
		else if (text.startsWith('\r\n', i)) {
			records.push(record);
			record = [];
			i += 2;
		} else throw new Error(`unexpected character at ${i}`);
	}
	if (record.length > 0) throw new Error('last record without CRLF');
	return records;
}

const cols = (...names: string[]) => names.map((name) => ({ name }));

describe('toCsv', () => {
	it('writes the header in column order, then the rows, each line ending with CRLF', () => {
		const csv = toCsv(cols('b', 'a'), [
			{ a: 1, b: 'x' },
			{ b: 'y', a: 2 }
		]);
		expect(csv).toBe('b,a\r\nx,1\r\ny,2\r\n');
	});

	it('writes only the header when there is no row', () => {
		expect(toCsv(cols('id', 'nom'), [])).toBe('id,nom\r\n');
	});

	it('quotes fields containing a comma, a quote, CR or LF, and doubles the quotes', () => {
		const csv = toCsv(cols('v'), [
			{ v: 'a,b' },
			{ v: 'il a dit "bonjour"' },
			{ v: 'ligne 1\nligne 2' },
			{ v: 'retour\rchariot' },
			{ v: 'crlf\r\nfin' },
			{ v: '"' }
		]);
		expect(csv).toBe(
			'v\r\n"a,b"\r\n"il a dit ""bonjour"""\r\n"ligne 1\nligne 2"\r\n"retour\rchariot"\r\n"crlf\r\nfin"\r\n""""\r\n'
		);
	});

	it('leaves plain and accented text unquoted, and writes null, missing and empty text as empty fields', () => {
		const csv = toCsv(cols('a', 'b', 'c', 'd'), [
			{ a: 'Élève « très » motivé ; œuvre', b: null, c: '' }
		]);
		expect(csv).toBe('a,b,c,d\r\nÉlève « très » motivé ; œuvre,,,\r\n');
	});

	it('writes numbers with a dot and no locale, booleans as true / false', () => {
		const csv = toCsv(cols('n', 'm', 'z', 't', 'f'), [
			{ n: 1234567.5, m: -0.25, z: 0, t: true, f: false }
		]);
		expect(csv).toBe('n,m,z,t,f\r\n1234567.5,-0.25,0,true,false\r\n');
	});

	it('refuses NaN and infinities', () => {
		expect(() => toCsv(cols('n'), [{ n: Number.NaN }])).toThrow(RangeError);
		expect(() => toCsv(cols('n'), [{ n: Infinity }])).toThrow(RangeError);
	});

	it('quotes header names when needed', () => {
		expect(toCsv(cols('nom, prénom', 'x'), [])).toBe('"nom, prénom",x\r\n');
	});

	it('adds a UTF-8 BOM only when asked', () => {
		expect(toCsv(cols('a'), []).startsWith('\uFEFF')).toBe(false);
		const withBom = toCsv(cols('a'), [{ a: 'Élève' }], { bom: true });
		expect(withBom).toBe('\uFEFFa\r\nÉlève\r\n');
		expect([...Buffer.from(withBom, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});

	it('reads back, with an independent RFC 4180 parser, exactly what was written', () => {
		const nasty = [
			'',
			',',
			'"',
			'""',
			'\r\n',
			'\n',
			'\r',
			' espaces ',
			'Élève',
			'a,"b"\r\nc',
			'\uFEFF'
		];
		const rows: Record<string, CsvValue>[] = nasty.map((text, i) => ({
			id: i,
			texte: text,
			vide: null,
			ok: i % 2 === 0,
			note: i / 4
		}));
		const columns = cols('id', 'texte', 'vide', 'ok', 'note');
		const parsed = parseCsv(toCsv(columns, rows));
		expect(parsed[0]).toEqual(['id', 'texte', 'vide', 'ok', 'note']);
		expect(parsed.slice(1)).toEqual(
			rows.map((r) => [String(r.id), r.texte, '', String(r.ok), String(r.note)])
		);
	});
});

const schema: TableSchema = {
	fields: [
		{ name: 'id', title: 'Identifiant', type: 'integer' },
		{ name: 'nom', type: 'string', constraints: { required: true } },
		{ name: 'categorie', type: 'string', constraints: { enum: ['Numérique', 'Inclusion'] } },
		{ name: 'note', type: 'number', constraints: { minimum: 0, maximum: 20 } },
		{ name: 'laureat', type: 'boolean' },
		{ name: 'depot', type: 'date', constraints: { minimum: '2026-01-01', maximum: '2026-12-31' } },
		{ name: 'maj', type: 'datetime' }
	],
	primaryKey: 'id',
	missingValues: ['', 'NA']
};

const good = {
	id: 1,
	nom: 'Collège Jean Moulin',
	categorie: 'Numérique',
	note: 15.5,
	laureat: true,
	depot: '2026-03-15',
	maj: '2026-03-15T10:20:30Z'
};

describe('validateRows', () => {
	it('accepts good typed rows, and the same rows read back from CSV as text', () => {
		const rows = [good, { ...good, id: 2, categorie: null, note: null, laureat: false, maj: null }];
		expect(validateRows(schema, rows)).toEqual([]);
		const [header, ...records] = parseCsv(toCsv(schema.fields, rows));
		const text = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
		expect(validateRows(schema, text)).toEqual([]);
		expect(
			validateRows(schema, [{ ...good, note: 'NA', maj: '2026-03-15T10:20:30.5+02:00' }])
		).toEqual([]);
	});

	it('names a type violation, with the row, the field and the expected type', () => {
		const errors = validateRows(schema, [
			good,
			{ ...good, id: '2.5', note: 'quinze', laureat: 'oui', depot: '2026-02-30', maj: '15/03/2026' }
		]);
		expect(errors.map((e) => [e.row, e.field, e.kind])).toEqual([
			[2, 'id', 'type'],
			[2, 'note', 'type'],
			[2, 'laureat', 'type'],
			[2, 'depot', 'type'],
			[2, 'maj', 'type']
		]);
		expect(errors[0].message).toBe("Ligne 2, champ « id » : « 2.5 » n'est pas un entier.");
		expect(errors[2].message).toContain('booléen');
		expect(errors[3].message).toContain('date (AAAA-MM-JJ)');
	});

	it('refuses a typed value of the wrong kind', () => {
		const errors = validateRows(schema, [{ ...good, nom: 42, id: 1.5 }]);
		expect(errors.map((e) => [e.field, e.kind])).toEqual([
			['id', 'type'],
			['nom', 'type']
		]);
	});

	it('names a missing required value, including the primary key', () => {
		const errors = validateRows(schema, [
			{ ...good, nom: '' },
			{ ...good, id: null, nom: 'NA' }
		]);
		expect(errors.map((e) => [e.row, e.field, e.kind])).toEqual([
			[1, 'nom', 'required'],
			[2, 'id', 'required'],
			[2, 'nom', 'required']
		]);
		expect(errors[0].message).toBe('Ligne 1, champ « nom » : valeur obligatoire manquante.');
	});

	it('names a value outside the enumeration, listing the allowed values', () => {
		const [error] = validateRows(schema, [{ ...good, categorie: 'Climat' }]);
		expect(error).toMatchObject({ row: 1, field: 'categorie', kind: 'enum' });
		expect(error.message).toBe(
			"Ligne 1, champ « categorie » : « Climat » n'est pas une valeur autorisée (valeurs possibles : Numérique, Inclusion)."
		);
	});

	it('names values below the minimum and above the maximum, for numbers and dates', () => {
		const errors = validateRows(schema, [
			{ ...good, note: -1 },
			{ ...good, id: 2, note: '20.5', depot: '2025-12-31' },
			{ ...good, id: 3, note: 20, depot: '2027-01-01' }
		]);
		expect(errors.map((e) => [e.row, e.field, e.kind])).toEqual([
			[1, 'note', 'minimum'],
			[2, 'note', 'maximum'],
			[2, 'depot', 'minimum'],
			[3, 'depot', 'maximum']
		]);
		expect(errors[0].message).toBe('Ligne 1, champ « note » : « -1 » est inférieur au minimum 0.');
		expect(errors[1].message).toBe(
			'Ligne 2, champ « note » : « 20.5 » est supérieur au maximum 20.'
		);
	});

	it('names a duplicate primary key and a column that is not in the schema', () => {
		const errors = validateRows(schema, [good, { ...good, id: '1', extra: 'x' }]);
		expect(errors.map((e) => [e.row, e.field, e.kind])).toEqual([
			[2, 'extra', 'unknownField'],
			[2, 'id', 'primaryKey']
		]);
		expect(errors[1].message).toBe(
			'Ligne 2, champ « id » : clé primaire en double (id = 1), déjà vue ligne 1.'
		);
	});

	it('refuses a schema whose primary key is not one of its fields', () => {
		expect(() => validateRows({ ...schema, primaryKey: ['absent'] }, [])).toThrow();
	});
});
