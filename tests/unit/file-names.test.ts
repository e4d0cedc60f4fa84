import { describe, expect, it } from 'vitest';
import {
	contentDisposition,
	displayFileName,
	fileNameProblem,
	safeFileName
} from '../../src/lib/server/files/names';

/** The value of `filename*`, decoded. */
function extendedName(header: string): string {
	const match = /filename\*=UTF-8''(.*)$/.exec(header);
	if (!match) throw new Error(`no filename* in ${header}`);
	return decodeURIComponent(match[1]);
}

describe('safe file names', () => {
	it('keeps only the last segment of a Unix path: ../../etc/passwd gives passwd.pdf', () => {
		expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
		expect(safeFileName('/var/www/../../rapport.pdf', 'pdf')).toBe('rapport.pdf');
		expect(safeFileName('dossier/', 'pdf')).toBe('piece-jointe.pdf');
	});

	it('keeps only the last segment of a Windows path', () => {
		expect(safeFileName('C:\\Users\\Anne\\Documents\\Projet classe.docx', 'docx')).toBe(
			'Projet classe.docx'
		);
		expect(safeFileName('..\\..\\Windows\\System32\\evil.exe', 'png')).toBe('evil.png');
		expect(safeFileName('\\\\serveur\\partage\\photo.jpg', 'jpg')).toBe('photo.jpg');
	});

	it('makes the extension match the type sniffed from the bytes', () => {
		expect(safeFileName('rapport.exe', 'pdf')).toBe('rapport.pdf');
		expect(safeFileName('rapport.PDF', 'pdf')).toBe('rapport.pdf');
		expect(safeFileName('photo.jpeg', 'jpg')).toBe('photo.jpg');
		expect(safeFileName('rapport', '.pdf')).toBe('rapport.pdf');
		expect(safeFileName('facture.pdf.exe', 'pdf')).toBe('facture.pdf.pdf');
		// What follows the last dot is not always an extension.
		expect(safeFileName('Version 2.1', 'pdf')).toBe('Version 2.1.pdf');
		expect(safeFileName('M. Dupont', 'odt')).toBe('M. Dupont.odt');
	});

	it('keeps accented letters and other scripts, in NFC form', () => {
		expect(safeFileName('Présentation des élèves — Noël 2026.odt', 'odt')).toBe(
			'Présentation des élèves — Noël 2026.odt'
		);
		expect(safeFileName('Cœur de l’œuvre.docx', 'docx')).toBe('Cœur de l’œuvre.docx');
		expect(safeFileName('日本語の資料.pdf', 'pdf')).toBe('日本語の資料.pdf');
		const decomposed = 'e\u0301le\u0300ves.pdf'; // as macOS may send it
		expect(safeFileName(decomposed, 'pdf')).toBe('élèves.pdf');
	});

	it('removes control and invisible characters and collapses spaces', () => {
		expect(safeFileName('rap\u0000port\r\n.pdf', 'pdf')).toBe('rapport.pdf');
		expect(safeFileName('ligne 1\r\nligne 2.pdf', 'pdf')).toBe('ligne 1 ligne 2.pdf');
		expect(safeFileName('  mon    projet\t\tfinal  .pdf', 'pdf')).toBe('mon projet final.pdf');
		// A right-to-left override would display "facture‮fdp.exe" as "factureexe.pdf".
		expect(safeFileName('facture\u202efdp.exe', 'pdf')).toBe('facturefdp.pdf');
		expect(safeFileName('rapport "final" <v2>?.pdf', 'pdf')).toBe('rapport final v2.pdf');
		expect(safeFileName('a:b*c|d.pdf', 'pdf')).toBe('a b c d.pdf');
	});

	it('never gives a hidden, empty or dot-only name', () => {
		expect(safeFileName('', 'pdf')).toBe('piece-jointe.pdf');
		expect(safeFileName('...', 'pdf')).toBe('piece-jointe.pdf');
		expect(safeFileName('..', 'png')).toBe('piece-jointe.png');
		expect(safeFileName('\u0000\u0001', 'webp')).toBe('piece-jointe.webp');
		expect(safeFileName('.htaccess', 'pdf')).toBe('htaccess.pdf');
		expect(safeFileName('.pdf', 'pdf')).toBe('pdf.pdf');
		expect(safeFileName('rapport. . .', 'pdf')).toBe('rapport.pdf');
	});

	it('limits names to 120 characters, extension included, without splitting a character', () => {
		const long = safeFileName('a'.repeat(300) + '.pdf', 'pdf');
		expect(long).toHaveLength(120);
		expect(long.endsWith('aaa.pdf')).toBe(true);
		const emoji = safeFileName('😀'.repeat(200) + '.docx', 'docx');
		expect(Array.from(emoji)).toHaveLength(120);
		expect(emoji.endsWith('😀.docx')).toBe(true);
		expect(emoji.isWellFormed()).toBe(true);
	});

	it('survives lone surrogates', () => {
		expect(safeFileName('a\ud800b.pdf', 'pdf')).toBe('a\ufffdb.pdf');
		expect(() => contentDisposition('a\udc00.pdf')).not.toThrow();
	});

	it('explains empty and dot-only names in French', () => {
		expect(fileNameProblem('rapport.pdf')).toBeNull();
		expect(fileNameProblem('.htaccess')).toBeNull();
		expect(fileNameProblem('')).toBe('Le fichier n’a pas de nom : renommez-le avant de l’ajouter.');
		expect(fileNameProblem('  \u0000 ')).toBe(fileNameProblem(''));
		for (const name of ['.', '..', '...', ' . . ', '../..', 'dossier/..']) {
			expect(fileNameProblem(name)).toMatch(/^Le nom de fichier « .* » n’est pas valide/);
		}
	});

	it('shows names in messages without their path or invisible characters', () => {
		expect(displayFileName('C:\\fakepath\\rapport\u202e.pdf')).toBe('rapport.pdf');
		expect(displayFileName('x'.repeat(200))).toBe('x'.repeat(120) + '…');
	});
});

describe('Content-Disposition', () => {
	it('gives an ASCII fallback and the exact UTF-8 name (RFC 6266 and 5987)', () => {
		expect(contentDisposition('rapport.pdf')).toBe(
			`attachment; filename="rapport.pdf"; filename*=UTF-8''rapport.pdf`
		);
		expect(contentDisposition('Compte rendu élèves.pdf')).toBe(
			`attachment; filename="Compte rendu eleves.pdf"; filename*=UTF-8''Compte%20rendu%20%C3%A9l%C3%A8ves.pdf`
		);
		expect(contentDisposition('Cœur de l’œuvre.odt')).toMatch(
			/^attachment; filename="Coeur de l'oeuvre\.odt"; /
		);
		expect(extendedName(contentDisposition('Cœur de l’œuvre.odt'))).toBe('Cœur de l’œuvre.odt');
		expect(contentDisposition('日本語.pdf')).toMatch(/^attachment; filename="___\.pdf"; /);
		expect(extendedName(contentDisposition('日本語.pdf'))).toBe('日本語.pdf');
	});

	it('neutralises header injection: quotes, CR/LF, backslashes, percent signs', () => {
		const hostile = [
			'evil"; filename="x.exe',
			'rapport.pdf\r\nSet-Cookie: session=volee',
			'rapport.pdf\nContent-Type: text/html\n\n<script>alert(1)</script>',
			'a\\"b.pdf',
			"l'annexe (1) *copie*.pdf",
			'100%25 réussi.pdf',
			'\u0000'
		];
		for (const name of hostile) {
			const header = contentDisposition(name);
			expect(header).not.toMatch(/\p{Cc}/u);
			expect(header).toMatch(
				/^attachment; filename="[\x20\x21\x23-\x24\x26-\x5b\x5d-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/
			);
			expect(extendedName(header)).not.toMatch(/[\r\n"\\/]/);
		}
		expect(contentDisposition('evil"; filename="x.exe')).toBe(
			`attachment; filename="evil ; filename= x.exe"; filename*=UTF-8''evil%20%3B%20filename%3D%20x.exe`
		);
		expect(extendedName(contentDisposition("l'annexe (1) *copie*.pdf"))).toBe(
			"l'annexe (1) copie .pdf"
		);
		expect(contentDisposition('\u0000')).toBe(
			`attachment; filename="piece-jointe"; filename*=UTF-8''piece-jointe`
		);
	});
});
