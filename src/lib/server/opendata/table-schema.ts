// A subset of the Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/),
// and a validator giving French messages, so that tests can check that each open data file
// matches the schema published with it.
//
// Cells may be typed values (as given to `toCsv`) or text (as read back from a CSV file):
// text is read in the lexical form of the field's type.

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

export type SchemaValue = string | number | boolean;

export interface FieldConstraints {
	required?: boolean;
	enum?: readonly SchemaValue[];
	/** A number for integer / number, an ISO text (AAAA-MM-JJ, AAAA-MM-JJThh:mm:ssZ) for date / datetime. */
	minimum?: number | string;
	maximum?: number | string;
}

export interface SchemaField {
	name: string;
	title?: string;
	description?: string;
	type: FieldType;
	constraints?: FieldConstraints;
}

export interface TableSchema {
	fields: readonly SchemaField[];
	primaryKey?: string | readonly string[];
	/** Texts that stand for a missing value; default `['']`. */
	missingValues?: readonly string[];
}

export type Cell = string | number | boolean | null;

export type RowErrorKind =
	'type' | 'required' | 'enum' | 'minimum' | 'maximum' | 'primaryKey' | 'unknownField';

export interface RowError {
	/** 1-based number of the data row (the CSV header is not counted). */
	row: number;
	field: string;
	kind: RowErrorKind;
	/** In French, for reports and test failures. */
	message: string;
}

const TYPE_NAMES: Record<FieldType, string> = {
	string: 'une chaîne de caractères',
	integer: 'un entier',
	number: 'un nombre',
	boolean: 'un booléen (true ou false)',
	date: 'une date (AAAA-MM-JJ)',
	datetime: 'une date et heure (AAAA-MM-JJThh:mm:ssZ)'
};

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
	/^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const TRUE_VALUES = ['true', 'True', 'TRUE', '1'];
const FALSE_VALUES = ['false', 'False', 'FALSE', '0'];

function isDate(text: string): boolean {
	const match = DATE.exec(text);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** The logical value of a cell, or undefined when it does not fit the type. */
function readCell(type: FieldType, cell: Exclude<Cell, null>): SchemaValue | undefined {
	switch (type) {
		case 'string':
			return typeof cell === 'string' ? cell : undefined;
		case 'integer':
			if (typeof cell === 'number') return Number.isSafeInteger(cell) ? cell : undefined;
			return typeof cell === 'string' && INTEGER.test(cell) ? Number(cell) : undefined;
		case 'number':
			if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
			return typeof cell === 'string' && NUMBER.test(cell) ? Number(cell) : undefined;
		case 'boolean':
			if (typeof cell === 'boolean') return cell;
			if (typeof cell !== 'string') return undefined;
			if (TRUE_VALUES.includes(cell)) return true;
			return FALSE_VALUES.includes(cell) ? false : undefined;
		case 'date':
			return typeof cell === 'string' && isDate(cell) ? cell : undefined;
		case 'datetime': {
			if (typeof cell !== 'string') return undefined;
			const match = DATETIME.exec(cell);
			return match && isDate(match[1]) ? cell : undefined;
		}
	}
}

/** A number that orders values of the type, for minimum / maximum. */
function rank(type: FieldType, value: SchemaValue): number {
	if (type === 'date') return Date.parse(`${value}T00:00:00Z`);
	if (type === 'datetime') {
		const text = String(value);
		return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : text + 'Z');
	}
	return Number(value);
}

const show = (value: Cell | SchemaValue) => `« ${String(value)} »`;

export function validateRows(
	schema: TableSchema,
	rows: readonly Record<string, Cell>[]
): RowError[] {
	const errors: RowError[] = [];
	const fields = new Map(schema.fields.map((f) => [f.name, f]));
	const key =
		schema.primaryKey === undefined
			? []
			: typeof schema.primaryKey === 'string'
				? [schema.primaryKey]
				: [...schema.primaryKey];
	for (const name of key) {
		if (!fields.has(name)) throw new Error(`Primary key field ${name} is not in the schema`);
	}
	const missing = schema.missingValues ?? [''];
	const seenKeys = new Map<string, number>();

	rows.forEach((record, index) => {
		const row = index + 1;
		const fail = (field: string, kind: RowErrorKind, detail: string) =>
			errors.push({ row, field, kind, message: `Ligne ${row}, champ « ${field} » : ${detail}` });

		for (const name of Object.keys(record)) {
			if (!fields.has(name)) fail(name, 'unknownField', 'colonne absente du schéma.');
		}
		const values = new Map<string, SchemaValue | null>();
		for (const f of schema.fields) {
			const cell = record[f.name] ?? null;
			const c = f.constraints ?? {};
			if (cell === null || (typeof cell === 'string' && missing.includes(cell))) {
				values.set(f.name, null);
				if (c.required || key.includes(f.name))
					fail(f.name, 'required', 'valeur obligatoire manquante.');
				continue;
			}
			const value = readCell(f.type, cell);
			if (value === undefined) {
				fail(f.name, 'type', `${show(cell)} n'est pas ${TYPE_NAMES[f.type]}.`);
				continue;
			}
			values.set(f.name, value);
			if (c.enum && !c.enum.some((allowed) => readCell(f.type, allowed) === value)) {
				fail(
					f.name,
					'enum',
					`${show(cell)} n'est pas une valeur autorisée (valeurs possibles : ${c.enum.join(', ')}).`
				);
			}
			if (c.minimum !== undefined && rank(f.type, value) < rank(f.type, c.minimum)) {
				fail(f.name, 'minimum', `${show(cell)} est inférieur au minimum ${c.minimum}.`);
			}
			if (c.maximum !== undefined && rank(f.type, value) > rank(f.type, c.maximum)) {
				fail(f.name, 'maximum', `${show(cell)} est supérieur au maximum ${c.maximum}.`);
			}
		}
		if (key.length > 0 && key.every((name) => values.get(name) != null)) {
			const id = JSON.stringify(key.map((name) => values.get(name)));
			const first = seenKeys.get(id);
			if (first === undefined) seenKeys.set(id, row);
			else {
				const shown = key.map((name) => `${name} = ${String(values.get(name))}`).join(', ');
				fail(
					key.join(', '),
					'primaryKey',
					`clé primaire en double (${shown}), déjà vue ligne ${first}.`
				);
			}
		}
	});
	return errors;
}
