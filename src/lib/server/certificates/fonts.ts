// Marianne for certificates, read (through `read`, which works in dev and in the built server) and
// parsed once per process.
import { read } from '$app/server';
import marianneBold from '@gouvfr/dsfr/dist/fonts/Marianne-Bold.woff?url';
import marianneRegular from '@gouvfr/dsfr/dist/fonts/Marianne-Regular.woff?url';
import { certificateFonts, type CertificateFonts } from '../pdf/certificate';

let fonts: Promise<CertificateFonts> | null = null;

export function marianneCertificateFonts(): Promise<CertificateFonts> {
	fonts ??= Promise.all([
		read(marianneRegular).arrayBuffer(),
		read(marianneBold).arrayBuffer()
	]).then(([regular, bold]) =>
		certificateFonts({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) })
	);
	fonts.catch(() => (fonts = null));
	return fonts;
}
