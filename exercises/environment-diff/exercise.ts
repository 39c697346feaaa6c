import { environmentDifferences, flattenEnvironment } from '../../runtime/results/environment.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: the environments of two result records of one spec (generated, in the shape the
 * browser host records: runtime/browser/environment.ts). The fields that differ are computed by the
 * engine's own diff (environmentDifferences), so the exercise agrees with `workbook compare`.
 */

type Env = ResultRecord['environment'];
type Scenario = 'webgpu' | 'threads';

export interface EnvDiffData {
  scenario: Scenario;
  /** How the variant was drawn (for tests); the answer is computed from the records: explanationOf. */
  cause: Cause;
  ratio: number;
  a: Env;
  b: Env;
}

/** The fields offered, by the option id each has in exercise.md. */
export const FIELD_IDS = {
  'host.userAgent': 'user-agent',
  'host.platform': 'platform',
  'host.logicalCores': 'logical-cores',
  'host.memoryGiB': 'memory',
  'host.crossOriginIsolated': 'isolated',
  'target.adapter.vendor': 'adapter-vendor',
  'target.adapter.architecture': 'adapter-architecture',
  'target.adapter.isFallbackAdapter': 'adapter-fallback',
  'target.threads': 'threads',
} as const;
export const FIELD_OPTIONS = Object.values(FIELD_IDS);

const TARGET: Record<Scenario, { target: string; spec: string }> = {
  webgpu: { target: 'browser-webgpu', spec: 'matmul' },
  threads: { target: 'browser-wasm-threads', spec: 'mlp-inference' },
};

const agent = (build: number) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.7420.${build} Safari/537.36`;
const HARDWARE = [
  { vendor: 'nvidia', architecture: 'ampere' },
  { vendor: 'intel', architecture: 'gen-12lp' },
  { vendor: 'amd', architecture: 'rdna-3' },
  { vendor: 'apple', architecture: 'metal-3' },
];
/** Host fields that may differ without changing what does the work. Isolation only on WebGPU: wasm threads need it on both. */
const NOISE: Record<Scenario, readonly string[]> = {
  webgpu: ['host.userAgent', 'host.platform', 'host.logicalCores', 'host.memoryGiB', 'host.crossOriginIsolated'],
  threads: ['host.userAgent', 'host.platform', 'host.logicalCores', 'host.memoryGiB'],
};

/** What makes B slower in a variant: the device, the thread count (within what it can explain), or nothing recorded. */
export type Cause = 'adapter' | 'threads' | 'threads-too-few' | 'none';

/** The two environments: the same in every host field but those in `differ`. */
function hosts(differ: Set<string>) {
  const host = (second: boolean) => {
    const d = (f: string) => second && differ.has(f);
    return {
      kind: 'browser',
      userAgent: agent(d('host.userAgent') ? 31 : 10),
      platform: d('host.platform') ? 'Windows' : 'Linux',
      logicalCores: d('host.logicalCores') ? 4 : 8,
      memoryGiB: d('host.memoryGiB') ? 4 : 8,
      crossOriginIsolated: !d('host.crossOriginIsolated'),
    };
  };
  return [host(false), host(true)] as const;
}

/**
 * Draws a variant. Which fields differ is drawn (two or three host fields, and the device or the thread
 * count only in some variants), and the ratio is drawn to agree with the cause: a software adapter can
 * make a kernel several times slower; going from tA threads to tB makes a run at most tA / tB times slower
 * (perfect scaling), so a larger ratio is not explained by the thread count on its own.
 */
function draw(r: VariantRandom): EnvDiffData {
  const scenario = r.pick<Scenario>(['webgpu', 'threads']);
  // Two or three host fields differ: with fewer, ticking one field would be most of the answer.
  const noise = new Set(r.sample(NOISE[scenario], r.int(2, 3)));
  const [hostA, hostB] = hosts(noise);
  if (scenario === 'webgpu') {
    const hw = r.pick(HARDWARE);
    const cause: Cause = r.chance(0.5) ? 'adapter' : 'none';
    const adapterB =
      cause === 'adapter' ? { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } : { ...hw, isFallbackAdapter: false };
    const a = { host: hostA, target: { backend: 'webgpu', adapter: { ...hw, isFallbackAdapter: false } } };
    const b = { host: hostB, target: { backend: 'webgpu', adapter: adapterB } };
    return { scenario, cause, ratio: round(r.uniform(3, 10), 1), a: a as unknown as Env, b: b as unknown as Env };
  }
  const threadsA = r.pick([2, 4, 8]);
  const cause = r.pick<Cause>(['threads', 'threads', 'threads-too-few', 'none']);
  const threadsB = cause === 'none' ? threadsA : r.pick([1, 2, 4].filter((t) => t < threadsA));
  const most = threadsA / threadsB; // the most a thread count can explain: perfect scaling
  const ratio =
    cause === 'threads'
      ? round(r.uniform(Math.min(1.3, 0.7 * most), 0.95 * most), 1)
      : cause === 'threads-too-few'
        ? round(r.uniform(1.25 * most + 0.2, 1.25 * most + 3), 1)
        : round(r.uniform(1.5, 4), 1);
  const target = (threads: number) => ({ backend: 'onnxruntime-web wasm', onnxruntimeVersion: '1.30.0', threads });
  return {
    scenario,
    cause,
    ratio,
    a: { host: hostA, target: target(threadsA) } as unknown as Env,
    b: { host: hostB, target: target(threadsB) } as unknown as Env,
  };
}

/** The option ids of the fields that differ, by the engine's own diff. */
export function differingFields(d: Pick<EnvDiffData, 'a' | 'b' | 'scenario'>): string[] {
  const target = TARGET[d.scenario].target as ResultRecord['target'];
  const diff = environmentDifferences([
    { target, environment: d.a },
    { target, environment: d.b },
  ]).map((x) => x.field);
  return Object.entries(FIELD_IDS)
    .filter(([field]) => diff.includes(field))
    .map(([, id]) => id);
}

/** The threads each run used (WebAssembly only). */
export const threadsOf = (env: Env): number | undefined => (env.target as { threads?: number }).threads;

/**
 * The difference that explains the ratio on its own, from the records and the ratio alone (not from how
 * the variant was drawn): a fallback adapter on one side; fewer threads on B when the ratio is within
 * what perfect scaling allows; otherwise none of the recorded differences.
 */
export function explanationOf(d: EnvDiffData): 'adapter' | 'thread-count' | 'none' {
  const fields = differingFields(d);
  if (fields.includes('adapter-fallback')) return 'adapter';
  const ta = threadsOf(d.a);
  const tb = threadsOf(d.b);
  if (ta !== undefined && tb !== undefined && tb < ta && d.ratio <= ta / tb) return 'thread-count';
  return 'none';
}

export default defineExerciseLogic<EnvDiffData>(({ parts }) => {
  const [fields, explains] = ['fields', 'explains'].map((id) => parts.find((p) => p.id === id)!.answer) as [ChoiceAnswerSpec, ChoiceAnswerSpec];
  return {
    generate(seed) {
      return draw(variantRandom(seed));
    },
    render({ data }) {
      const table = (env: Env, name: string) => ({
        id: `run-${name.toLowerCase()}`,
        caption: `Run ${name}: environment`,
        columns: ['field', 'value'],
        rows: [...flattenEnvironment(env)].map(([f, v]) => [f, v]),
      });
      return {
        values: { spec: TARGET[data.scenario].spec, target: TARGET[data.scenario].target, ratio: data.ratio },
        tables: [table(data.a, 'A'), table(data.b, 'B')],
      };
    },
    async check({ data }, answers) {
      const adapterFields = ['adapter-vendor', 'adapter-architecture', 'adapter-fallback'];
      return gradeParts(answers, {
        fields: (a) =>
          checkChoice(a, fields, differingFields(data), {
            why: Object.fromEntries(
              data.scenario === 'threads'
                ? adapterFields.map((f) => [
                    f,
                    'Neither record has an adapter: a WebAssembly run records no GPU adapter, so its fields cannot differ.',
                  ])
                : [['threads', 'Neither record has a thread count: a WebGPU run records its adapter, not threads.']],
            ),
            wrong: 'Go down both tables row by row: a field differs when its two values are not identical, however small the change.',
          }),
        explains: (a) => {
          const ta = threadsOf(data.a);
          const tb = threadsOf(data.b);
          const threadsWhy =
            ta === undefined
              ? 'Neither record has a thread count: a WebGPU run records its adapter, not threads.'
              : ta === tb
                ? 'Compare the thread counts of the two records again.'
                : `Going from ${ta} threads to ${tb} makes a run at most ${round(ta / tb!, 2)} times slower, and only if it scaled perfectly: can it explain ${data.ratio} times on its own?`;
          return checkChoice(a, explains, explanationOf(data), {
            why: {
              adapter:
                data.scenario === 'threads'
                  ? 'Neither record has an adapter: a WebAssembly run records no GPU adapter.'
                  : 'Compare the adapter rows of the two records again: is either run on a software adapter?',
              'thread-count': threadsWhy,
              none: 'One of the recorded differences does change what does the work: look again at which device, and how many threads of it, each run used.',
              'browser-build':
                'A browser update can shift a timing by a few percent, but a change of a build number rarely makes a run several times slower. Which field changes what does the work?',
              cores:
                'The core count is what the machine could use; how many threads the run actually used, and on which device, is recorded elsewhere.',
              isolation:
                "Isolation changes the timer's grain (how precisely a call is timed) and which targets may run, not how long a call on the same target takes.",
            },
            wrong: 'Look for a difference that changes what does the work: which device, and how many threads of it.',
          });
        },
      });
    },
  };
});
