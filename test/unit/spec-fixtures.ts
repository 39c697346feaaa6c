import { readFileSync } from 'node:fs';

/** The shipped vector-add spec with short time limits: a run of about a second on the js target. */
export function shortVectorAdd(o: { minMs?: number; maxMs?: number; minSamples?: number } = {}): string {
  const text = readFileSync('lessons/specs/vector-add.bench.yaml', 'utf8')
    .replace('min-duration-ms: 1000', `min-duration-ms: ${o.minMs ?? 200}`)
    .replace('max-duration-ms: 10000', `max-duration-ms: ${o.maxMs ?? 800}`);
  return o.minSamples === undefined ? text : text.replace('min-samples: 20', `min-samples: ${o.minSamples}`);
}
