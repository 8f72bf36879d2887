/** The query mix of the package_search benchmark. */
import { TOPICS, REGIONS } from './interop-seed.ts';

/** Distinct word sets (1–3 words, in title order) drawn from the generated titles, in a fixed pseudo-random order. */
export function distinctQueries(n: number): string[] {
  let seed = 42;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const out = new Set<string>();
  const vocabulary = (g: number) => [...TOPICS[g % TOPICS.length].split(' '), ...REGIONS[g % REGIONS.length].split(' '), String(2000 + (g % 24))];
  for (let attempt = 0; attempt < 200_000 && out.size < 5000; attempt++) {
    const words = vocabulary(1 + Math.floor(rnd() * n));
    const k = 1 + Math.floor(rnd() * 3);
    const idx = new Set<number>();
    while (idx.size < Math.min(k, words.length)) idx.add(Math.floor(rnd() * words.length));
    out.add([...idx].sort((a, b) => a - b).map((x) => words[x]).join(' ').toLowerCase());
  }
  return [...out];
}

