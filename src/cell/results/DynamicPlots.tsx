import { readIrt, readMemorisation, type IrtView, type MemorisationView } from '../../../runtime/eval/record-view.ts';
import type { ResultRecord } from '../../../runtime/results/record.ts';
import { AdaptiveTrace, ItemCurves, RankingTrace, StaticVsRotating } from './EvalPlots.tsx';

/**
 * The dynamic-benchmark side of an evaluation (its irt and memorisation options), read from the
 * record's numbers: who is better by a fitted ability, how few items an adaptive test needs and where
 * it fails; the contaminated model's advantage on the static set and on fresh rotating sets.
 */
export function DynamicPlots({ record: r }: { record: ResultRecord }) {
  const irt = readIrt(r.quality);
  const memorisation = readMemorisation(r.quality);
  if (!irt && !memorisation) return null;
  return (
    <>
      {irt && <IrtSection v={irt} />}
      {memorisation && <MemorisationSection v={memorisation} />}
    </>
  );
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function IrtSection({ v }: { v: IrtView }) {
  const ranked = [...v.respondents].sort((a, b) => b.ability - a.ability);
  const traced = v.trace ? v.respondents.find((x) => x.name === v.trace!.name) : undefined;
  return (
    <section className="bc-quality" aria-label="Item response theory" data-testid="irt">
      <p>
        <strong>Item response theory.</strong> {v.respondents.length} models answered every item; {v.items.kept} items split them ({v.items.allRight}{' '}
        were answered right by every model and {v.items.allWrong} by none, so they say nothing about who is better and are left out). A two-parameter
        logistic model (2PL, joint maximum a posteriori){' '}
        {v.converged ? `converged in ${v.iterations} iterations` : `DID NOT CONVERGE after ${v.iterations} iterations: its numbers are not estimates`}
        . The fitted abilities order the models as their accuracy does with Kendall tau{' '}
        <span data-testid="irt-tau-accuracy">{v.tauAbilityAccuracy.toFixed(3)}</span> (1: the same order).
      </p>
      <div className="bc-table-scroll" role="group" aria-label="Abilities, scrollable">
        <table className="bc-table" data-testid="irt-abilities">
          <caption>Each model's ability (theta, with its standard error) and its accuracy on all the items, best first</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Ability</th>
              <th scope="col">Standard error</th>
              <th scope="col">Accuracy</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((x) => (
              <tr key={x.name} data-model={x.name} data-ability={x.ability} data-accuracy={x.accuracy}>
                <th scope="row">{x.name}</th>
                <td>{x.ability.toFixed(3)}</td>
                <td>{x.abilitySd.toFixed(3)}</td>
                <td>{pct(x.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {v.sampleItems.length > 0 && <ItemCurves items={v.sampleItems.map((i) => ({ name: `item ${i.item}`, item: { a: i.a, b: i.b } }))} />}
      {v.tau.length > 0 && <RankingTrace points={v.tau} randomOrders={v.randomOrders} />}
      {v.trace && traced && (
        <AdaptiveTrace name={v.trace.name} trace={v.trace.steps.map((s) => ({ ...s, item: 0, response: 0 }))} fullTheta={traced.ability} />
      )}
      <WhereItFails v={v} />
    </section>
  );
}

/** Where the adaptive test does not reach the full-set ranking, and where a random order does as well or better. */
function WhereItFails({ v }: { v: IrtView }) {
  const last = v.tau.at(-1);
  const randomAhead = v.tau.filter((t) => t.random > t.adaptive);
  const lines: string[] = [];
  if (v.fullRankingAfter !== null) lines.push(`The adaptive test ranks every model as the full set does from ${v.fullRankingAfter} items on.`);
  else
    lines.push(
      `Within ${v.maxItems} items the adaptive test never settles on the full-set ranking${last ? ` (tau ${last.adaptive.toFixed(2)} at ${last.at} items)` : ''}.`,
    );
  if (v.misordered.length)
    lines.push(
      `After ${v.maxItems} items it still orders ${v.misordered.length} pair${v.misordered.length === 1 ? '' : 's'} differently: ${v.misordered
        .map((m) => `${m.a} and ${m.b} (abilities ${m.gap.toFixed(3)} apart)`)
        .join(', ')}. Close abilities are where a short test cannot tell.`,
    );
  if (randomAhead.length)
    lines.push(
      `A random order of items (the mean of ${v.randomOrders}) is closer to the full-set ranking than the adaptive test at ${randomAhead.length} of ${v.tau.length} test lengths (first at ${randomAhead[0]!.at} items): choosing the most informative item for each model does not make the ranking better at every length.`,
    );
  return (
    <div data-testid="irt-fails">
      <p>
        <strong>Where it fails.</strong> {lines.join(' ')}
      </p>
    </div>
  );
}

function MemorisationSection({ v }: { v: MemorisationView }) {
  const s = v.sets.find((x) => x.set === 'static');
  const rotating = v.sets.filter((x) => x.set !== 'static');
  const range = (xs: number[]) => `${(Math.min(...xs) * 100).toFixed(1)} to ${(Math.max(...xs) * 100).toFixed(1)} points`;
  return (
    <section className="bc-quality" aria-label="Memorisation" data-testid="memorisation">
      {s && (
        <p>
          <strong>Memorisation.</strong> On the static test set ({s.items} items) {v.model} scores{' '}
          <span data-testid="memorisation-static-model">{pct(s.model)}</span> and its twin {v.twin}{' '}
          <span data-testid="memorisation-static-twin">{pct(s.twin)}</span>: an advantage of {(s.advantage.value * 100).toFixed(1)} points (95%
          interval {(s.advantage.ci95[0] * 100).toFixed(1)} to {(s.advantage.ci95[1] * 100).toFixed(1)}).
          {rotating.length > 0 &&
            ` On ${rotating.length} rotating set${rotating.length === 1 ? '' : 's'} of fresh items the advantage is ${range(rotating.map((x) => x.advantage.value))}; ${rotating.filter((x) => x.advantage.ci95[0] <= 0 && x.advantage.ci95[1] >= 0).length} of their intervals include no advantage at all.`}
        </p>
      )}
      <StaticVsRotating
        rows={v.sets.map((x) => ({
          set: x.set === 'static' ? 'static test set' : `${x.set} (seed ${x.seed})`,
          clean: x.twin,
          contaminated: x.model,
          advantage: x.advantage,
        }))}
        names={{ clean: v.twin, contaminated: v.model }}
      />
    </section>
  );
}
