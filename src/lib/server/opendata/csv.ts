// RFC 4180 CSV writer for the open data files.
//
// - a header row with the column names, in the given order, then one record per row;
// - every record, the last included, ends with CRLF;
// - a field is quoted when it contains a comma, a double quote, CR or LF; quotes are doubled;
// - null or a missing key → empty field; numbers in their JavaScript form ('.' decimal, no
//   locale, no thousands separator; NaN and infinities are refused); booleans → true / false;
// - UTF-8 text; no BOM unless `{ bom: true }` (spreadsheet users, who would otherwise see
//   « Ã‰lÃ¨ve » instead of « Élève »).
// Values are written as they are: formula-looking text (=, +, -, @) is not altered, so that the
// open data stays faithful to the source.

export type CsvValue = string | number | boolean | null;

export interface CsvOptions {
	/** Prefix the output with U+FEFF, for spreadsheets. */
	bom?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: CsvValue | undefined): string {
	if (value === null || value === undefined) return '';
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} in CSV`);
		text = String(value);
	} else if (typeof value === 'boolean') {
		text = value ? 'true' : 'false';
	} else {
		text = value;
	}
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
	columns: readonly { name: string }[],
	rows: readonly Record<string, CsvValue>[],
	options: CsvOptions = {}
): string {
	const lines = [columns.map((c) => field(c.name))];
	for (const row of rows) lines.push(columns.map((c) => field(row[c.name])));
	return (options.bom ? '\uFEFF' : '') + lines.map((l) => l.join(',') + '\r\n').join('');
}
