import { writeFile } from 'node:fs/promises';
import { zooReport, type ZooReport } from '../eval/zoo-report.ts';
import { ZOO } from '../models/zoo/entries.ts';
import { zooGenerations } from '../node/zoo-generations.ts';
import { loadZooSource } from '../node/zoo-source.ts';
import type { Digits } from '../models/mnist.ts';

/**
 * `workbook zoo [--out FILE]`: the model zoo's cards and its dynamic-benchmark report (leakage,
 * memorisation, saturation, IRT with adaptive testing), from the zoo's real responses. Trains what it
 * needs in this process (deterministic; about half a minute on 2 cores).
 */
export async function zooCommand(args: string[]): Promise<number> {
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out' && args[i + 1]) out = args[++i];
    else {
      process.stderr.write(`workbook zoo: unknown argument ${JSON.stringify(args[i])}\nusage: workbook zoo [--out FILE]\n`);
      return 2;
    }
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cards = [];
  for (const e of ZOO) cards.push((await loadZooSource(e.id, undefined, log)).card);
  const p = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = ['The model zoo (accuracy by the JS forward pass, 95% bootstrap interval over items):'];
  for (const c of cards) {
    const t = c.accuracy.test;
    lines.push(
      `  ${c.id.padEnd(22)} ${c.architecture.layers.join('-').padEnd(10)} ${String(c.parameters).padStart(6)} params ${String(c.bytes).padStart(7)} bytes  test ${p(t.value)} [${p(t.ci95[0])}, ${p(t.ci95[1])}]${c.accuracy.fresh ? `  fresh ${p(c.accuracy.fresh.value)}` : ''}${c.data.contaminated ? '  (trained on the test split)' : ''}`,
    );
  }
  const clean = await loadZooSource('mnist-64');
  const cont = await loadZooSource('mnist-64-contaminated');
  const under = await loadZooSource('mnist-64-undertrained');
  const int8 = await loadZooSource('mnist-64-int8');
  log('zoo: retraining generations (every epoch of mnist-16, -32, -64 and the contaminated twin)');
  const gens = Object.fromEntries(['mnist-16', 'mnist-32', 'mnist-64', 'mnist-64-contaminated'].map((id) => [id, zooGenerations(id)]));
  const report: ZooReport = zooReport({
    splits: { train: clean.split('train') as Digits, test: clean.split('test') as Digits, fresh: clean.split('fresh') as Digits },
    clean: clean.parameters,
    contaminated: cont.parameters,
    generations: { clean: gens['mnist-64']!, contaminated: gens['mnist-64-contaminated']! },
    respondents: [
      ...['mnist-16', 'mnist-32', 'mnist-64'].flatMap((id) => gens[id]!.map((g) => ({ name: g.name, parameters: g.parameters }))),
      { name: 'mnist-64-undertrained', parameters: under.parameters },
      { name: 'mnist-64-int8', parameters: int8.parameters },
    ],
    seed: 1,
  });
  const l = report.leakage;
  lines.push(
    '',
    `Leakage (exact: same pixels; near: same average hash and pixels within 5%): train/test ${l.trainTest.exact} exact, ${l.trainTest.near} near (${l.trainTest.candidates} hash candidates); train/fresh ${l.trainFresh.exact} exact, ${l.trainFresh.near} near; contaminated training set/test ${l.contaminatedTest.exact} exact of ${l.contaminatedTest.testItems}`,
  );
  const m = report.memorisation;
  const adv = (a: { value: number; ci95: [number, number] }) =>
    `${(a.value * 100).toFixed(1)} points [${(a.ci95[0] * 100).toFixed(1)}, ${(a.ci95[1] * 100).toFixed(1)}]`;
  lines.push(
    '',
    `Memorisation, mnist-64-contaminated vs its clean twin mnist-64: static test set ${p(m.static.contaminated)} vs ${p(m.static.clean)}, advantage ${adv(m.static.advantage)};`,
    ...m.rotations.map(
      (r, i) =>
        `  rotating set ${i + 1} (${r.items} fresh digits, seed ${r.seed}): ${p(r.contaminated)} vs ${p(r.clean)}, advantage ${adv(r.advantage)}`,
    ),
    '',
    'Saturation over generations (epoch: contaminated static / fresh, clean static / fresh):',
    `  ${report.saturation.map((s) => `${s.epoch}: ${p(s.contaminatedStatic)}/${p(s.contaminatedFresh)}, ${p(s.cleanStatic)}/${p(s.cleanFresh)}`).join('\n  ')}`,
  );
  const irt = report.irt;
  lines.push(
    '',
    `IRT (2PL, ${irt.method}): ${irt.respondents.length} models x ${irt.items.kept} items (${irt.items.allRight} answered right by every model and ${irt.items.allWrong} by none left out); ${irt.converged ? `converged in ${irt.iterations} iterations` : `DID NOT CONVERGE after ${irt.iterations} iterations`}`,
    `Adaptive testing (Kendall tau with the full-set ranking): ${irt.adaptive.map((a) => `${a.at} items ${a.adaptive.toFixed(3)} (random orders ${a.random.toFixed(3)})`).join('; ')}; exact full-set ranking ${irt.itemsToFullRanking === null ? 'not reached' : `after ${irt.itemsToFullRanking} items`}; ${irt.misordered.length} pairs still misordered, their ability gaps ${irt.misordered.length ? `${Math.min(...irt.misordered.map((x) => x.gap)).toFixed(3)} to ${Math.max(...irt.misordered.map((x) => x.gap)).toFixed(3)}` : 'none'}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  if (out) {
    await writeFile(out, `${JSON.stringify({ format: 'benchmark-carpentry/zoo-report', cards, report }, null, 2)}\n`);
    process.stdout.write(`report written to ${out}\n`);
  }
  return 0;
}
