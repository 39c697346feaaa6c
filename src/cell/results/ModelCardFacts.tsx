import { useEffect, useState } from 'react';
import type { ResultRecord } from '../../../runtime/results/record.ts';

/** What a run's model card says about the file the run used: its bytes, parameters and weight type. */
export interface CardFacts {
  id: string;
  bytes: number;
  parameters: number;
  weights: string;
  sha256: string;
}

/** The zoo model a record ran, as its target recorded it (runtime/browser/onnx-web.ts), or null. */
export function recordedZooModel(r: ResultRecord): { model: string; sha256: string; from: string } | null {
  const zoo = r.environment.target.zoo as { model?: unknown; sha256?: unknown; from?: unknown } | undefined;
  if (!zoo || typeof zoo.model !== 'string' || typeof zoo.sha256 !== 'string' || typeof zoo.from !== 'string') return null;
  return { model: zoo.model, sha256: zoo.sha256, from: zoo.from };
}

/**
 * Reads the fields this view shows from a card's JSON; a card that lacks one, or whose checksum is not the
 * file's the run used, is an error in words (the page says it rather than showing a wrong size).
 * (Not the zoo's zod schema: that would add zod to every lesson page's results bundle.)
 */
export function cardFacts(json: unknown, sha256: string, where: string): CardFacts {
  const c = json as { id?: unknown; bytes?: unknown; parameters?: unknown; sha256?: unknown; architecture?: { weights?: unknown } } | null;
  const bad = (field: string) => new Error(`${where}: the model card has no valid ${field}`);
  if (!c || typeof c !== 'object') throw bad('content');
  if (typeof c.id !== 'string') throw bad('id');
  if (!Number.isSafeInteger(c.bytes) || (c.bytes as number) < 1) throw bad('bytes');
  if (!Number.isSafeInteger(c.parameters) || (c.parameters as number) < 1) throw bad('parameters');
  if (typeof c.architecture?.weights !== 'string') throw bad('architecture.weights');
  if (c.sha256 !== sha256) throw new Error(`${where}: the card describes another file (its SHA-256 is not the one this run checked)`);
  return { id: c.id, bytes: c.bytes as number, parameters: c.parameters as number, weights: c.architecture.weights, sha256 };
}

/** The model card's size line for a zoo run in the page: fetched from where the run fetched the model. */
export function ModelCardFacts({ record }: { record: ResultRecord }) {
  const zoo = recordedZooModel(record);
  const [state, setState] = useState<{ facts?: CardFacts; error?: string }>({});
  // The effect depends on the three strings, not on the object recordedZooModel builds afresh each render.
  const model = zoo?.model;
  const sha256 = zoo?.sha256;
  const from = zoo?.from;
  useEffect(() => {
    if (!model || !sha256 || !from || !/^(\/|https?:)/.test(from)) return; // a native run's path is on the agent's machine
    const url = `${from.replace(/\/?$/, '/')}${model}.card.json`;
    let live = true;
    fetch(url)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`${url}: HTTP ${res.status}`))))
      .then((json) => live && setState({ facts: cardFacts(json, sha256, url) }))
      .catch((e: Error) => live && setState({ error: e.message }));
    return () => {
      live = false;
    };
  }, [model, sha256, from]);
  if (!zoo) return null;
  const f = state.facts;
  return (
    <p className="bc-model-card" data-testid="model-card">
      <strong>Model card of {zoo.model}:</strong>{' '}
      {f
        ? `the file is ${f.bytes.toLocaleString('en')} bytes, ${f.parameters.toLocaleString('en')} parameters, ${f.weights} weights (the card's SHA-256 matches the file this run checked).`
        : state.error
          ? `not available (${state.error}).`
          : /^(\/|https?:)/.test(zoo.from)
            ? 'loading…'
            : `read it beside the model on the machine that ran it (${zoo.from}).`}
    </p>
  );
}
