import { useId, useState } from 'react';
import type { Comparison } from '../../../runtime/results/compare.ts';
import { callRegression, describeRegression } from '../../../runtime/results/regression.ts';

/**
 * The regressions episode's call under a comparison: regression, improvement, no difference or not enough
 * evidence, from the interval of the ratio against a threshold the learner sets (5% by default, a
 * convention). A regression test changes one thing: with more than one change, or an inconclusive
 * comparison, no call is made and the reason is said.
 */
export function RegressionCall({ result }: { result: Comparison }) {
  const id = useId();
  const [percent, setPercent] = useState(5);
  const valid = percent > 0 && percent < 100;
  let call: string;
  if (!result.conclusive) call = `No regression call: the comparison is inconclusive (${result.inconclusiveBecause.join('; ')}).`;
  else if (result.reasons.length > 1)
    call = `No regression call: more than one thing changed between the runs (${result.reasons.join('; ')}); a regression test changes one.`;
  else if (!valid) call = 'Set a threshold above 0% and below 100%.';
  else call = describeRegression(callRegression(result.ci95, percent / 100), percent / 100);
  const changed =
    result.reasons.length === 1
      ? `The one change: ${result.reasons[0]}.`
      : result.reasons.length === 0
        ? 'Nothing changed in the spec, its parameters or its seed (an A/A comparison).'
        : '';
  return (
    <div className="bc-regression" data-testid="regression-call">
      <label htmlFor={id}>Regression threshold (%) </label>
      <input id={id} type="number" min={0.5} max={50} step={0.5} value={percent} onChange={(e) => setPercent(Number(e.target.value))} />
      <p data-testid="regression-verdict">
        {changed} {call}
      </p>
    </div>
  );
}
