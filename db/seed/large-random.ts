// The deterministic randomness of the large seed (`npm run seed:large`): a small, fast PRNG (sfc32,
// seeded through splitmix32 from a number or a string) with the helpers the generator needs. The same
// seed gives the same sequence on every machine and Node version: no Math.random, no clock.
// Pure: no I/O.

/** 32-bit string hash (FNV-1a), to seed a stream from a name. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

function splitmix32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x9e3779b9) >>> 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	/** True with probability p. */
	chance(p: number): boolean;
	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T;
	/** `count` distinct elements (or all of them), in random order. */
	sample<T>(items: readonly T[], count: number): T[];
	/** A standard normal deviate (Box–Muller). */
	normal(): number;
	/** An independent stream named after this one's seed and `name`. */
	fork(name: string): Random;
}

/** A seeded generator (sfc32). */
export function createRandom(seed: number | string): Random {
	const base = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
	const mix = splitmix32(base);
	let a = mix();
	let b = mix();
	let c = mix();
	let d = mix();
	const u32 = () => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return t >>> 0;
	};
	// Warm-up, as sfc32's authors advise.
	for (let i = 0; i < 12; i++) u32();
	const next = () => u32() / 4294967296;
	const random: Random = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		chance: (p) => next() < p,
		pick: (items) => {
			if (items.length === 0) throw new Error('pick: empty list');
			return items[Math.floor(next() * items.length)];
		},
		sample: (items, count) => {
			const copy = [...items];
			const n = Math.min(count, copy.length);
			for (let i = 0; i < n; i++) {
				const j = i + Math.floor(next() * (copy.length - i));
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy.slice(0, n);
		},
		normal: () => {
			const u = 1 - next();
			const v = next();
			return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		fork: (name) => createRandom((base ^ hashString(name)) >>> 0)
	};
	return random;
}
