// The server's stop, after the HTTP server has stopped taking requests (src/start.js): each part that
// started something registers how to stop it with `onShutdown` — the database when it opens, the mail
// sender, the maintenance timer — and `shutdown` runs those steps one after the other, the last
// registered first (what started later, and may use what started before it, stops first: the
// database, opened first, closes last). Each step is logged in one line with its time.
//
// The steps share one bound (`STEPS_BOUND_MS`): a step still running when it is reached is abandoned
// (logged) and the next one starts, so the process always gets to its exit. src/start.js reaches
// `shutdown` through SHUTDOWN_KEY, as adapter-node's own server would through its 'sveltekit:shutdown'
// event (both lead to the same run).
import { logger } from './log.js';

/** Time left to all the steps together, after the HTTP server's own bound (10 s, src/start.js). */
export const STEPS_BOUND_MS = 3_000;

/** Where the SvelteKit side leaves `shutdown` for the Node server of src/start.js. */
export const SHUTDOWN_KEY = Symbol.for('prix-impulsions.shutdown');

interface Step {
	/** What is stopped, in the past participle of the log line: « base de données fermée ». */
	done: string;
	stop: () => unknown;
	/** This step's own bound, within what is left of the common one. */
	boundMs?: number;
}

const steps: Step[] = [];
let running: Promise<void> | undefined;

/**
 * Registers a step of the stop; `done` ends the log line « Arrêt : <done> (<ms> ms). ». A step that
 * may wait on something outside (an SMTP server) gives itself a shorter `boundMs`, so that the steps
 * after it keep their time. Answers the function that removes it (for a part stopped by other means).
 */
export function onShutdown(
	done: string,
	stop: () => unknown,
	options: { boundMs?: number } = {}
): () => void {
	const step: Step = { done, stop, boundMs: options.boundMs };
	steps.push(step);
	return () => {
		const at = steps.indexOf(step);
		if (at >= 0) steps.splice(at, 1);
	};
}

/** Runs every registered step once (a second call answers the same run), within `boundMs`. */
export function shutdown(boundMs = STEPS_BOUND_MS): Promise<void> {
	running ??= runSteps(boundMs);
	return running;
}

async function runSteps(boundMs: number): Promise<void> {
	const deadline = performance.now() + boundMs;
	while (steps.length > 0) {
		const step = steps.pop()!;
		const started = performance.now();
		const left = Math.max(0, Math.min(deadline - started, step.boundMs ?? Infinity));
		let timer: NodeJS.Timeout | undefined;
		const outcome = await Promise.race([
			Promise.resolve()
				.then(step.stop)
				.then(
					() => 'done' as const,
					(error: unknown) => error
				),
			new Promise<'late'>((resolve) => {
				timer = setTimeout(() => resolve('late'), left);
			})
		]);
		clearTimeout(timer);
		const ms = Math.round(performance.now() - started);
		if (outcome === 'done') logger.info(`Arrêt : ${step.done} (${ms} ms).`);
		else if (outcome === 'late')
			logger.warn(`Arrêt : « ${step.done} » non atteint après ${ms} ms, étape abandonnée.`);
		else logger.error({ err: outcome }, `Arrêt : « ${step.done} » en échec après ${ms} ms.`);
	}
}
