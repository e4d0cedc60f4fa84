// The procès-verbal of a jury round (?tour=preselection|final) as a PDF download, streamed.
// Marianne is read once (through `read`, which works in dev and in the built server) and embedded.
import { error } from '@sveltejs/kit';
import { Readable } from 'node:stream';
import { read } from '$app/server';
import marianneBold from '@gouvfr/dsfr/dist/fonts/Marianne-Bold.woff?url';
import marianneRegular from '@gouvfr/dsfr/dist/fonts/Marianne-Regular.woff?url';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import type { JuryRound } from '$lib/server/db/schema';
import {
	minutesData,
	minutesFileName,
	renderMinutes,
	type MinutesFonts
} from '$lib/server/pdf/minutes';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import type { RequestHandler } from './$types';

let fonts: Promise<MinutesFonts> | null = null;

/** Marianne's bytes, read once per process. */
function marianne(): Promise<MinutesFonts> {
	fonts ??= Promise.all([
		read(marianneRegular).arrayBuffer(),
		read(marianneBold).arrayBuffer()
	]).then(([regular, bold]) => ({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) }));
	fonts.catch(() => (fonts = null));
	return fonts;
}

export const GET: RequestHandler = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = idParam(params.id, EDITION_NOT_FOUND);
	const tour = url.searchParams.get('tour');
	if (tour !== null && tour !== 'preselection' && tour !== 'final')
		error(400, 'Tour inconnu : choisissez « preselection » ou « final ».');
	const edition = await db()
		.selectFrom('editions')
		.select(['phase'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	const round: JuryRound =
		tour ??
		(['final', 'deliberation', 'published', 'archived'].includes(edition.phase)
			? 'final'
			: 'preselection');
	const data = await minutesData(db(), id, round);
	if (!data) error(404, EDITION_NOT_FOUND);
	const doc = renderMinutes(data, { fonts: await marianne() });
	return new Response(Readable.toWeb(doc) as ReadableStream<Uint8Array>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${minutesFileName(data.edition.year, round)}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
