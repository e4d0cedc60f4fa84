// Reading a form's body when it may be too large: the server refuses bodies over BODY_SIZE_LIMIT
// (12 Mo by default, see src/start.js) and SvelteKit then fails `request.formData()` with a 413.
// Answers null in that case, so that the action can answer in French on the same page.

/** Whether an error is SvelteKit's « Payload Too Large » (status 413). */
export function isTooLarge(error: unknown): boolean {
	return (
		typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 413
	);
}

export async function readFormOrNull(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch (error) {
		if (isTooLarge(error)) return null;
		throw error;
	}
}
