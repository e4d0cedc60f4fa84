// The open data files: /donnees/<jeu>.csv, <jeu>.json, <jeu>.schema.json, and datapackage.json.
// CSV is RFC 4180 in UTF-8 without a byte order mark; every file may be read from another site (CORS).
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import {
	DATASET_NAMES,
	dataPackage,
	datasetCsv,
	datasetJson,
	loadDataset,
	schemaJson,
	type DatasetName
} from '$lib/server/opendata/datasets';
import type { RequestHandler } from './$types';

const FILE = new RegExp(`^(${DATASET_NAMES.join('|')})\\.(csv|json|schema\\.json)$`);
const JSON_TYPE = 'application/json; charset=utf-8';

function file(body: string, type: string, disposition: string): Response {
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': disposition,
			'access-control-allow-origin': '*'
		}
	});
}

export const GET: RequestHandler = async ({ params, url }) => {
	const name = params.file;
	if (name === 'datapackage.json')
		return file(
			JSON.stringify(dataPackage(url.origin), null, '\t') + '\n',
			JSON_TYPE,
			`inline; filename="${name}"`
		);
	const match = FILE.exec(name);
	if (!match) error(404, 'Ce fichier de données n’existe pas.');
	const dataset = match[1] as DatasetName;
	const format = match[2];
	if (format === 'schema.json')
		return file(schemaJson(dataset), JSON_TYPE, `inline; filename="${name}"`);
	const rows = await loadDataset(db(), dataset, url.origin);
	return format === 'csv'
		? file(datasetCsv(dataset, rows), 'text/csv; charset=utf-8', `attachment; filename="${name}"`)
		: file(datasetJson(dataset, rows), JSON_TYPE, `inline; filename="${name}"`);
};
