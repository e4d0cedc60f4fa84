// Canonical JSON: the same content always gives the same bytes, whatever the order its keys were written
// in. Object keys are sorted recursively (by UTF-16 code units, like Array.prototype.sort), there is no
// whitespace, and strings and numbers are written by JSON.stringify — which makes it the JSON
// Canonicalization Scheme (RFC 8785) for the values JSON can carry.
//
// It follows JSON.stringify for what JSON cannot carry, so that a value hashed before it is stored as
// jsonb hashes the same once read back: toJSON() is honoured (a Date becomes its ISO string), an object
// key whose value is undefined (or a function) is left out, and such a value in an array becomes null.
// What would not round-trip at all — NaN, ±Infinity, bigint, a top-level undefined — is refused.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
	const text = write(value, '', new Set());
	if (text === undefined) throw new TypeError('Canonical JSON: undefined cannot be serialised.');
	return text;
}

/** The SHA-256 of the value's canonical JSON (UTF-8), in lower-case hexadecimal. */
export function canonicalHash(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

function write(value: unknown, key: string, ancestors: Set<object>): string | undefined {
	if (value !== null && typeof value === 'object' && 'toJSON' in value) {
		const toJSON = (value as { toJSON: unknown }).toJSON;
		if (typeof toJSON === 'function') value = toJSON.call(value, key);
	}
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'number':
			if (!Number.isFinite(value))
				throw new TypeError(`Canonical JSON: ${value} is not a JSON number.`);
			return JSON.stringify(value);
		case 'bigint':
			throw new TypeError('Canonical JSON: a bigint is not a JSON number.');
		case 'undefined':
		case 'function':
		case 'symbol':
			return undefined;
	}
	if (value === null) return 'null';
	if (value instanceof Number || value instanceof String || value instanceof Boolean)
		return write(value.valueOf(), key, ancestors);
	const object = value as object;
	if (ancestors.has(object)) throw new TypeError('Canonical JSON: the value is circular.');
	ancestors.add(object);
	let text: string;
	if (Array.isArray(object)) {
		text = `[${object.map((item, index) => write(item, String(index), ancestors) ?? 'null').join(',')}]`;
	} else {
		const record = object as Record<string, unknown>;
		const members: string[] = [];
		for (const name of Object.keys(record).sort()) {
			const member = write(record[name], name, ancestors);
			if (member !== undefined) members.push(`${JSON.stringify(name)}:${member}`);
		}
		text = `{${members.join(',')}}`;
	}
	ancestors.delete(object);
	return text;
}
