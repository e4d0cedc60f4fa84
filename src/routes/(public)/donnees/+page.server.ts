import { db } from '$lib/server/db/app';
import {
	DATASETS,
	DATASET_NAMES,
	FIELD_TYPE_LABELS,
	LICENCE,
	PRODUCER,
	UPDATE_FREQUENCY,
	loadAllDatasets
} from '$lib/server/opendata/datasets';
import type { PageServerLoad } from './$types';

// Three queries, whatever the size of the editions: the rows are counted from the very files the links
// serve. (A benchmark may see a fourth: the public cache's read of the revision, made before the page
// when its last read is more than a second old — src/lib/server/http/public-cache.ts.)
export const load: PageServerLoad = async ({ url }) => {
	const rows = await loadAllDatasets(db(), url.origin);
	return {
		licence: LICENCE,
		producer: PRODUCER,
		frequency: UPDATE_FREQUENCY,
		datasets: DATASET_NAMES.map((name) => {
			const d = DATASETS[name];
			return {
				name,
				title: d.title,
				description: d.description,
				rows: rows[name].length,
				fields: d.schema.fields.map((f) => ({
					name: f.name,
					title: f.title ?? f.name,
					type: FIELD_TYPE_LABELS[f.type] ?? f.type,
					description: f.description ?? '',
					required: f.constraints?.required === true,
					values: f.constraints?.enum?.map(String) ?? null
				}))
			};
		})
	};
};
