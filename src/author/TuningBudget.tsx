import { useEffect, useState } from 'react';
import './tuning.css';
import { expectedMaxWithoutReplacement } from '../../runtime/search/expected-max.ts';
import { METHODS, type Method, SEARCH_SPACE, searchData, searchTrials, type Trial } from '../../runtime/search/tuning.ts';

/**
 * Episode 16's cell: a real random search in the page (runtime/search/tuning.ts: ReLU MLPs trained on a
 * generated two-moons set, scored by validation accuracy), with a budget per method, then the claim a paper
 * would write (best of each budget) beside the expected best of k at equal budgets (Dodge et al. 2019).
 * Trials run one per task, so the page stays usable.
 */
const fmt = (x: number) => x.toFixed(3);
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export default function TuningBudget() {
  const [budgets, setBudgets] = useState<Record<Method, number>>({ 'one-layer': 30, 'two-layer': 5 });
  const [seed, setSeed] = useState(1);
  const [running, setRunning] = useState<string | null>(null);
  const [result, setResult] = useState<{ seed: number; trials: Record<Method, Trial[]> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The server-rendered button stays disabled until the island has hydrated: a click before would do nothing.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const run = async () => {
    setError(null);
    setResult(null);
    try {
      const data = searchData(seed);
      const trials = { 'one-layer': [] as Trial[], 'two-layer': [] as Trial[] };
      for (const method of Object.keys(METHODS) as Method[]) {
        const all = budgets[method];
        const search = searchTrials(method, seed, data);
        for (let i = 1; i <= all; i++) {
          setRunning(`${METHODS[method]}: trial ${i} of ${all}`);
          await nextTask();
          trials[method].push(search.next().value as Trial);
        }
      }
      setResult({ seed, trials });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(null);
    }
  };

  const k = result ? Math.min(result.trials['one-layer'].length, result.trials['two-layer'].length) : 0;
  const ks = [...new Set([1, 2, 3, 5, 10, 20, 30, 50, k])].filter((x) => x <= k).sort((a, b) => a - b);
  const scores = (m: Method) => result!.trials[m].map((t) => t.score);
  const best = (m: Method) => Math.max(...scores(m));
  return (
    <div className="bc-tuning" data-testid="tuning-budget">
      <p className="bc-tuning-kicker">Cell · random search, run in this page</p>
      <p>
        Two methods, {METHODS['one-layer']} (A) and {METHODS['two-layer']} (B), trained on the same generated two-moons data (300 training and 300
        validation points, from the seed), each trial with hyper-parameters drawn at random: learning rate {SEARCH_SPACE.learningRate.join(' to ')}{' '}
        (log scale), width {SEARCH_SPACE.width.join(', ')}, epochs {SEARCH_SPACE.epochs.join(' to ')}, weight decay{' '}
        {SEARCH_SPACE.weightDecay.join(' to ')} (log scale). The score is validation accuracy.
      </p>
      <form
        className="bc-tuning-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        {(Object.keys(METHODS) as Method[]).map((m) => (
          <label key={m}>
            Trials for {m === 'one-layer' ? 'A' : 'B'} ({METHODS[m]}){' '}
            <input
              type="number"
              min={1}
              max={60}
              required
              value={budgets[m]}
              onChange={(e) => setBudgets({ ...budgets, [m]: Math.max(1, Math.min(60, Math.round(Number(e.target.value) || 1))) })}
            />
          </label>
        ))}
        <label>
          Seed{' '}
          <input
            type="number"
            min={0}
            max={999}
            required
            value={seed}
            onChange={(e) => setSeed(Math.max(0, Math.round(Number(e.target.value) || 0)))}
          />
        </label>
        <button type="submit" disabled={!hydrated || running !== null}>
          Run the search
        </button>
      </form>
      <p role="status" className="bc-tuning-status">
        {running ??
          (result
            ? `Done: ${result.trials['one-layer'].length + result.trials['two-layer'].length} models trained (seed ${result.seed}).`
            : 'Ready.')}
      </p>
      {error && (
        <p className="bc-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <>
          <p data-testid="tuning-claim">
            <strong>The claim as a paper would write it:</strong> A reaches {fmt(best('one-layer'))} validation accuracy (best of{' '}
            {result.trials['one-layer'].length} trials), B {fmt(best('two-layer'))} (best of {result.trials['two-layer'].length} trials).
          </p>
          <table className="bc-table" data-testid="tuning-expected">
            <caption>
              Expected best validation accuracy of k trials, each method at the same budget k (drawn without replacement from its trials)
            </caption>
            <thead>
              <tr>
                <th scope="col">k</th>
                <th scope="col">A: {METHODS['one-layer']}</th>
                <th scope="col">B: {METHODS['two-layer']}</th>
              </tr>
            </thead>
            <tbody>
              {ks.map((x) => (
                <tr key={x}>
                  <th scope="row">{x}</th>
                  <td>{fmt(expectedMaxWithoutReplacement(scores('one-layer'), x))}</td>
                  <td>{fmt(expectedMaxWithoutReplacement(scores('two-layer'), x))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details>
            <summary>Every trial's score</summary>
            {(Object.keys(METHODS) as Method[]).map((m) => (
              <p key={m}>
                {m === 'one-layer' ? 'A' : 'B'}: {result.trials[m].map((t) => fmt(t.score)).join(', ')}
              </p>
            ))}
          </details>
        </>
      )}
    </div>
  );
}
