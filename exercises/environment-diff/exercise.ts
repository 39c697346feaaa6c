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
const NOISE = ['host.userAgent', 'host.platform', 'host.logicalCores', 'host.memoryGiB', 'host.crossOriginIsolated'] as const;

/** The two environments: the same in every field but `differ`. */
function build(r: VariantRandom, scenario: Scenario, differ: Set<string>): [Env, Env] {
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
  if (scenario === 'webgpu') {
    const hw = r.pick(HARDWARE);
    return [
      { host: host(false), target: { backend: 'webgpu', adapter: { ...hw, isFallbackAdapter: false } } },
      { host: host(true), target: { backend: 'webgpu', adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } } },
    ] as unknown as [Env, Env];
  }
  const threads = r.pick([2, 4, 8]);
  return [
    { host: host(false), target: { backend: 'onnxruntime-web wasm', onnxruntimeVersion: '1.30.0', threads } },
    { host: host(true), target: { backend: 'onnxruntime-web wasm', onnxruntimeVersion: '1.30.0', threads: 1 } },
  ] as unknown as [Env, Env];
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

export const explanationOf = (d: Pick<EnvDiffData, 'scenario'>) => (d.scenario === 'webgpu' ? 'adapter' : 'thread-count');

export default defineExerciseLogic<EnvDiffData>(({ parts }) => {
  const [fields, explains] = ['fields', 'explains'].map((id) => parts.find((p) => p.id === id)!.answer) as [ChoiceAnswerSpec, ChoiceAnswerSpec];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const scenario = r.pick<Scenario>(['webgpu', 'threads']);
      // Four fields differ in every variant: one answer for all seeds cannot score half.
      const noise = scenario === 'webgpu' ? r.sample(NOISE, 1) : r.sample(NOISE.slice(0, 4), 3);
      const [a, b] = build(r, scenario, new Set(noise));
      return { scenario, ratio: round(scenario === 'webgpu' ? r.uniform(3, 12) : r.uniform(2, 3.5), 1), a, b };
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
        explains: (a) =>
          checkChoice(a, explains, explanationOf(data), {
            why: {
              'browser-build':
                'A browser update can shift a timing by a few percent, but a change of a build number rarely makes a run several times slower. Which field changes what does the work?',
              cores:
                'The core count is what the machine could use; how many threads the run actually used, and on which device, is recorded elsewhere.',
              isolation:
                "Isolation changes the timer's grain (how precisely a call is timed) and which targets may run, not how long a call on the same target takes.",
            },
            wrong: 'Look for a difference that changes what does the work: which device, and how many threads of it.',
          }),
      });
    },
  };
});
