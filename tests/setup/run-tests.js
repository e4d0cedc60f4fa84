// `npm test`: runs the stages one after the other (`npm run <script>`), stops at the first that
// fails (with its exit code), and prints the duration of each at the end. When STAGE_TIMES_FILE is
// set (.ci/run sets it), each finished stage also appends a line "<label>\t<seconds>\t<status>" to it,
// so that the CI can print one table for its own steps and these.
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';

/** [label, npm script] in the order they run. */
const STAGES = [
	['check', 'check'],
	['lint', 'lint'],
	['build', 'build'],
	['unit+integration', 'test:unit'],
	['e2e', 'test:e2e']
];

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** @type {Array<[string, number, string]>} */
const done = [];
let failure = 0;

for (const [label, script] of STAGES) {
	const started = performance.now();
	const result = spawnSync(npm, ['run', script], { stdio: 'inherit' });
	const seconds = (performance.now() - started) / 1000;
	const code = result.status ?? 1;
	const status = code === 0 ? 'ok' : 'ÉCHEC / FAILED';
	done.push([label, seconds, status]);
	if (process.env.STAGE_TIMES_FILE)
		appendFileSync(
			process.env.STAGE_TIMES_FILE,
			`npm test: ${label}\t${seconds.toFixed(1)}\t${status}\n`
		);
	if (code !== 0) {
		failure = code;
		break;
	}
}

const width = Math.max(...done.map(([label]) => label.length));
console.info('\nnpm test — durée de chaque étape / duration of each stage:');
for (const [label, seconds, status] of done)
	console.info(`  ${label.padEnd(width)}  ${seconds.toFixed(1).padStart(7)} s  ${status}`);
const total = done.reduce((sum, [, seconds]) => sum + seconds, 0);
console.info(`  ${'total'.padEnd(width)}  ${total.toFixed(1).padStart(7)} s`);
if (failure !== 0) {
	const skipped = STAGES.slice(done.length).map(([label]) => label);
	if (skipped.length > 0) console.info(`  non lancées / not run: ${skipped.join(', ')}`);
}
process.exit(failure);
