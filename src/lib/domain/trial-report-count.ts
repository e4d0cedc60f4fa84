// The count of a trial's transmitted reports in French, for the workflow's refusal and the pages.
// Client-safe: no I/O.

/** « aucun rapport transmis », « 1 rapport transmis », « 3 rapports transmis ». */
export function reportCount(n: number): string {
	if (n <= 0) return 'aucun rapport transmis';
	return n === 1 ? '1 rapport transmis' : `${n} rapports transmis`;
}
