import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { CheckUnavailableError, checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import type { AnyExercise, Answer, Answers, RenderedVariant, Variant } from '../../runtime/exercises/types.ts';
import type { Assignment, Attempt, ExerciseState, LastResult } from '../../runtime/progress/records.ts';
import type { ProgressStore } from '../../runtime/progress/store.ts';
import { formatScore, summarize } from '../../runtime/progress/summary.ts';
import { parseAssignmentLink } from '../../runtime/classroom/link.ts';
import { loadExercise } from './load.ts';
import { attemptValue } from '../../runtime/exercises/attempts.ts';
import Markdown from './Markdown.tsx';
import type { ExerciseMeta, PartMeta } from './meta.ts';
import { ChoiceInput, DataTable, Dataset, EditorField, NumberInput, OrderingInput, PartFeedback } from './parts.tsx';
import { answeredOnly, attemptOf, lastResultOf, openSession, randomSeed, resultCounts, save } from './session.ts';

/**
 * One exercise in a page (the island of src/author/Exercise.astro). The title, prompts and hints
 * come as props (in the HTML); once the island is on screen it loads the exercise's code, picks the
 * learner's variant (seed-choice.ts), restores their answers and feedback from the progress store, and
 * checks answers in the page. CodeMirror loads only for spec and code parts.
 */

interface Props {
  meta: ExerciseMeta;
  /** Accept `?seed=` from the page's address (practice pages). */
  acceptUrlSeed?: boolean;
  /** The heading level of the title, or none when the page's own title is the exercise's. */
  heading?: 'h2' | 'h3' | 'none';
}

interface Loaded {
  exercise: AnyExercise;
  variant: Variant;
  view: RenderedVariant;
}

type Notice = { tone: 'info' | 'warning' | 'error'; text: string };

const SOURCE_WORDS = {
  local: 'drawn for you in this browser',
  url: 'chosen by the page address',
  assignment: 'assigned by your course',
} as const;

/** The page's one WebGPU answer (src/cell/fallback-gpu.ts), in words for an exercise, or undefined when there is an adapter. */
async function withoutGpuNotice(): Promise<string | undefined> {
  const { pageGpu, exerciseWithoutGpuText } = await import('../cell/fallback-gpu.ts');
  const found = await pageGpu();
  return found.kind === 'none' ? exerciseWithoutGpuText(found) : undefined;
}

export default function ExerciseIsland({ meta, acceptUrlSeed = false, heading = 'h3' }: Props) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const titleId = `${uid}-title`;
  const [failure, setFailure] = useState<string>();
  const [loaded, setLoaded] = useState<Loaded>();
  const [store, setStore] = useState<ProgressStore>();
  const [assignment, setAssignment] = useState<Assignment>();
  const [state, setState] = useState<ExerciseState>();
  const [attempts, setAttempts] = useState<Attempt[]>([]);
  const [checking, setChecking] = useState(false);
  const [checkNonce, setCheckNonce] = useState(0);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [outcome, setOutcome] = useState<Notice>();
  const stateRef = useRef<ExerciseState | undefined>(undefined);
  stateRef.current = state;
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const runsWgsl = meta.parts.some((p) => p.language === 'wgsl');
  useEffect(() => {
    let gone = false;
    (async () => {
      const urlSeed = acceptUrlSeed ? new URLSearchParams(location.search).get('seed') : null;
      // An assignment link (?course=&assignment=&learner=&code=, from workbook assign) on a practice page.
      const link = acceptUrlSeed ? parseAssignmentLink(location.search) : {};
      const [exercise, session] = await Promise.all([loadExercise(meta.id), openSession(meta.id, urlSeed, link.link)]);
      const variant = createVariant(exercise, session.state.seed);
      const view = exercise.render(variant);
      // A check that runs a kernel on WebGPU: say before the first Check when this browser has no adapter.
      const gpuMissing = runsWgsl ? await withoutGpuNotice() : undefined;
      if (gone) return;
      const first: Notice[] = [];
      if (session.storeProblem) first.push({ tone: 'warning', text: session.storeProblem });
      if (session.seedProblem) first.push({ tone: 'warning', text: session.seedProblem });
      if (gpuMissing) first.push({ tone: 'info', text: gpuMissing });
      if (link.problem) first.push({ tone: 'warning', text: link.problem });
      setNotices(first);
      setStore(session.store);
      setAssignment(session.assignment);
      setAttempts(session.attempts);
      setState(session.state);
      setLoaded({ exercise, variant, view });
    })().catch((e: unknown) => {
      if (!gone) setFailure(e instanceof Error ? e.message : String(e));
    });
    return () => {
      gone = true;
    };
  }, [meta.id, acceptUrlSeed, runsWgsl]);

  /** Saves the state now (after a check, a hint, a new variant) or soon (while typing). */
  const persist = useCallback(
    (next: ExerciseState, soon = false) => {
      stateRef.current = next;
      setState(next);
      if (!store) return;
      clearTimeout(saveTimer.current);
      saveTimer.current = undefined;
      const write = () =>
        save(store, stateRef.current ?? next).catch((e: unknown) =>
          setNotices((n) => [...n, { tone: 'warning', text: `Your answers could not be saved (${e instanceof Error ? e.message : String(e)}).` }]),
        );
      if (soon) saveTimer.current = setTimeout(write, 400);
      else void write();
    },
    [store],
  );
  // Leaving the page: write what is pending.
  useEffect(() => {
    const flush = () => {
      if (saveTimer.current !== undefined && store && stateRef.current) {
        clearTimeout(saveTimer.current);
        saveTimer.current = undefined;
        void save(store, stateRef.current);
      }
    };
    addEventListener('pagehide', flush);
    return () => {
      removeEventListener('pagehide', flush);
      flush();
    };
  }, [store]);

  const setAnswer = (part: string, answer: Answer) => {
    const s = stateRef.current;
    if (!s) return;
    const next = { ...s, draft: { ...s.draft, [part]: answer } };
    stateRef.current = next;
    persist(next, true);
  };

  const check = async () => {
    const s = stateRef.current;
    if (!loaded || !s || !store) return;
    const answers = answeredOnly(loaded.exercise.parts, withStarters(loaded, s.draft));
    if (Object.keys(answers).length === 0) {
      setOutcome({ tone: 'info', text: 'Answer at least one part, then press Check.' });
      return;
    }
    setChecking(true);
    setOutcome({ tone: 'info', text: loaded.exercise.kind === 'code' ? 'Checking: running your code against the tests…' : 'Checking…' });
    try {
      const { browserCheckHost } = await import('../../runtime/browser/exercise-host.ts');
      const result = await checkAnswers(loaded.exercise, loaded.variant, answers, { host: browserCheckHost });
      const at = new Date().toISOString();
      const counted = resultCounts(result);
      let all = attempts;
      if (counted) {
        const attempt = attemptOf(
          loaded.exercise,
          loaded.variant,
          answers as Answers,
          result,
          at,
          s.seedSource === 'assignment' ? assignment : undefined,
        );
        await store.addAttempt(attempt);
        all = [...attempts, attempt];
        setAttempts(all);
      }
      // What was typed while the check ran stays: only the feedback is added.
      persist({ ...(stateRef.current ?? s), lastResult: lastResultOf(result, counted, at) });
      setCheckNonce((n) => n + 1);
      const onVariant = all.filter((a) => a.seed === loaded.variant.seed).length;
      setOutcome(outcomeOf(result.formatErrors.length, counted, all.length, result.complete, onVariant));
    } catch (e) {
      const unavailable = e instanceof CheckUnavailableError || (e instanceof Error && e.name === 'CheckUnavailableError');
      const message = e instanceof Error ? e.message : String(e);
      setOutcome(
        unavailable
          ? { tone: 'warning', text: `${message} No attempt was used.` }
          : { tone: 'error', text: `The check itself failed (${message}). No attempt was used; this is a fault of the workbook, please report it.` },
      );
    } finally {
      setChecking(false);
    }
  };

  const showHint = () => {
    const s = stateRef.current;
    if (!s) return;
    persist({ ...s, hintsShown: Math.min(meta.hints.length, s.hintsShown + 1) });
  };

  const newVariant = () => {
    const s = stateRef.current;
    if (!loaded || !s || s.seedSource === 'assignment') return;
    let seed = randomSeed();
    while (seed === s.seed) seed = randomSeed();
    const variant = createVariant(loaded.exercise, seed);
    setLoaded({ ...loaded, variant, view: loaded.exercise.render(variant) });
    persist({ exercise: s.exercise, seed, seedSource: 'local', draft: {}, hintsShown: s.hintsShown, updatedAt: s.updatedAt });
    setOutcome({ tone: 'info', text: 'A new variant with new numbers: your earlier attempts stay in your progress.' });
    if (acceptUrlSeed && new URL(location.href).searchParams.has('seed')) {
      const url = new URL(location.href);
      url.searchParams.delete('seed');
      history.replaceState(history.state, '', url);
    }
  };

  const Title = heading === 'none' ? null : heading;
  const summary = summarize(attempts).get(meta.id);
  const result: LastResult | undefined = state?.lastResult && loaded && state.lastResult.seed === loaded.variant.seed ? state.lastResult : undefined;
  const hintsShown = state?.hintsShown ?? 0;

  return (
    <section
      className="bc-exercise-island"
      aria-labelledby={Title ? titleId : undefined}
      aria-label={Title ? undefined : `Exercise: ${meta.title}`}
      data-exercise={meta.id}
      data-ready={loaded ? 'yes' : 'no'}
    >
      <header className="bc-ex-head">
        <p className="bc-ex-kicker">
          Exercise · {meta.kindLabel} · {meta.levelTitle} · {meta.points} points · about {meta.minutes} min
        </p>
        {Title ? (
          <Title id={titleId} className="bc-ex-title">
            {meta.title}
          </Title>
        ) : null}
      </header>

      {failure ? (
        <p className="bc-ex-notice is-error" role="alert">
          This exercise could not start: {failure}
        </p>
      ) : null}
      {notices.map((n, i) => (
        <p key={i} className={`bc-ex-notice is-${n.tone}`} role={n.tone === 'info' ? 'status' : 'alert'}>
          {n.text}
        </p>
      ))}

      {loaded && state ? (
        <div className="bc-ex-variant-bar">
          <p className="bc-ex-variant">
            Your variant: <strong data-testid="exercise-seed">{loaded.variant.seed}</strong>{' '}
            <span className="bc-muted">
              ({SOURCE_WORDS[state.seedSource]}
              {state.seedSource === 'assignment' && assignment ? `: ${assignment.course}, ${assignment.assignment}` : ''})
            </span>
          </p>
          <p className="bc-ex-progress" data-testid="exercise-progress">
            {summary ? (
              <>
                Attempts: <strong>{summary.attempts}</strong> · grade {formatScore(summary.best ?? 0, meta.points)} (the best attempt, as credited)
              </>
            ) : (
              'No attempts yet.'
            )}
          </p>
          {state.seedSource !== 'assignment' ? (
            <button type="button" className="bc-ex-button is-quiet" onClick={newVariant} disabled={checking}>
              New variant
            </button>
          ) : null}
        </div>
      ) : !failure ? (
        <p className="bc-ex-loading" role="status">
          Loading your variant…
        </p>
      ) : null}

      {loaded ? <Markdown text={loaded.view.intro} className="bc-ex-intro" /> : null}
      {loaded?.view.tables?.map((t) => (
        <DataTable key={t.id} table={t} />
      ))}
      {loaded?.view.datasets?.length ? (
        <div className="bc-ex-datasets">
          {loaded.view.datasets.map((d) => (
            <Dataset key={d.id} dataset={d} />
          ))}
        </div>
      ) : null}

      <ol className="bc-ex-parts">
        {meta.parts.map((part, i) => (
          <PartView
            key={`${part.id}:${loaded?.variant.seed ?? 'none'}`}
            part={part}
            index={i}
            count={meta.parts.length}
            uid={uid}
            loaded={loaded}
            draft={state?.draft[part.id]}
            onAnswer={(a) => setAnswer(part.id, a)}
            result={result?.parts[part.id]}
            checkNonce={checkNonce}
          />
        ))}
      </ol>

      <div className="bc-ex-actions">
        <button type="button" className="bc-ex-button" onClick={check} disabled={!loaded || checking} aria-describedby={`${uid}-outcome`}>
          {checking ? 'Checking…' : 'Check'}
        </button>
        <p id={`${uid}-outcome`} className={`bc-ex-outcome${outcome ? ` is-${outcome.tone}` : ''}`} role="status" aria-live="polite">
          {outcome?.text ?? (result ? lastResultWords(result, meta.points) : '')}
        </p>
      </div>
      {result ? (
        <p className="bc-ex-score" data-testid="exercise-score">
          Score of the last check: {formatScore(result.score, meta.points)}
          {result.complete ? ' · every part correct' : ''}
        </p>
      ) : null}

      {meta.hints.length ? (
        <section className="bc-ex-hints" aria-label="Hints">
          {hintsShown > 0 ? (
            <ol aria-live="polite">
              {meta.hints.slice(0, hintsShown).map((h, i) => (
                <li key={i}>
                  <span className="bc-ex-hint-label">Hint {i + 1}.</span> <Markdown text={h} />
                </li>
              ))}
            </ol>
          ) : null}
          {hintsShown < meta.hints.length ? (
            <button type="button" className="bc-ex-button is-quiet" onClick={showHint} disabled={!state}>
              Show hint {hintsShown + 1} of {meta.hints.length}
            </button>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

/** The starter of an editor part the learner has not touched counts as its answer: checking it shows what fails. */
function starterOf(loaded: Loaded, partId: string): string | undefined {
  const definition = loaded.exercise.parts.find((p) => p.id === partId);
  if (definition?.answer.type !== 'spec' && definition?.answer.type !== 'code') return undefined;
  return loaded.view.parts[partId]?.starter ?? definition.answer.starter;
}

function withStarters(loaded: Loaded, draft: Answers): Answers {
  const out: Answers = { ...draft };
  for (const p of loaded.exercise.parts) if (out[p.id] === undefined) out[p.id] = starterOf(loaded, p.id);
  return out;
}

/** The attempt policy (runtime/exercises/attempts.ts), the same as the grader's: what this attempt is worth. */
function outcomeOf(formatErrors: number, counted: boolean, attempts: number, complete: boolean, onVariant: number): Notice {
  if (!counted)
    return {
      tone: 'warning',
      text: `${formatErrors === 1 ? 'An answer' : 'Answers'} could not be read, see below. Not counted as an attempt: fix the format and check again.`,
    };
  const worth =
    onVariant > 1
      ? ` Attempt ${onVariant} on this variant counts for ${Math.round(attemptValue(onVariant) * 100)}% of its score; a new variant starts at 100%.`
      : '';
  const base =
    (complete ? `Every part is correct. Attempt ${attempts} recorded.` : `Attempt ${attempts} recorded: see the feedback under each part.`) + worth;
  return {
    tone: complete ? 'info' : 'info',
    text: formatErrors ? `${base} ${formatErrors} answer${formatErrors === 1 ? '' : 's'} could not be read and did not count.` : base,
  };
}

function lastResultWords(result: LastResult, points: number): string {
  return `Last check (${new Date(result.at).toLocaleString()}): ${formatScore(result.score, points)}.`;
}

interface PartViewProps {
  part: PartMeta;
  index: number;
  count: number;
  uid: string;
  loaded: Loaded | undefined;
  draft: Answer | undefined;
  onAnswer: (a: Answer) => void;
  result: LastResult['parts'][string] | undefined;
  checkNonce: number;
}

function PartView({ part, index, count, uid, loaded, draft, onAnswer, result, checkNonce }: PartViewProps) {
  const labelId = `${uid}-part-${part.id}`;
  const rendered = loaded?.view.parts[part.id];
  const definition = loaded?.exercise.parts.find((p) => p.id === part.id);
  const starter = (loaded && starterOf(loaded, part.id)) ?? '';
  const [touched, setTouched] = useState(draft !== undefined);
  let input: ReactNode = null;
  if (loaded) {
    switch (part.type) {
      case 'number':
        input = <NumberInput part={part} value={typeof draft === 'string' ? draft : ''} onChange={onAnswer} labelId={labelId} />;
        break;
      case 'choice': {
        const options = rendered?.options ?? (definition?.answer.type === 'choice' ? definition.answer.options : []);
        input = <ChoiceInput part={part} options={options} value={draft} onChange={onAnswer} labelId={labelId} />;
        break;
      }
      case 'ordering': {
        const items = rendered?.items ?? (definition?.answer.type === 'ordering' ? definition.answer.items : []);
        input = (
          <OrderingInput
            items={items}
            order={Array.isArray(draft) ? draft : undefined}
            touched={touched}
            onChange={(ids) => {
              setTouched(true);
              onAnswer(ids);
            }}
            labelId={labelId}
          />
        );
        break;
      }
      case 'spec':
      case 'code':
        input = (
          <EditorField
            language={part.type === 'spec' ? 'spec' : (part.language ?? 'js')}
            value={typeof draft === 'string' ? draft : starter}
            label={part.type === 'spec' ? 'Your spec (YAML)' : part.language === 'wgsl' ? 'Your kernel (WGSL)' : 'Your code (JavaScript)'}
            describedBy={labelId}
            onChange={onAnswer}
            diagnostics={result?.diagnostics}
            checkNonce={checkNonce}
          />
        );
        break;
    }
  }
  return (
    <li className="bc-ex-part" data-part={part.id} data-type={part.type}>
      <div id={labelId} className="bc-ex-prompt">
        <p className="bc-ex-part-head">
          Part {index + 1} of {count}{' '}
          <span className="bc-muted">
            · {part.points} point{part.points === 1 ? '' : 's'}
          </span>
        </p>
        <Markdown text={rendered?.prompt ?? part.prompt} />
      </div>
      {rendered?.tests?.length ? (
        <details className="bc-ex-tests">
          <summary>The tests your code runs against ({rendered.tests.length})</summary>
          <ul>
            {rendered.tests.map((t) => (
              <li key={t.name}>
                <strong>{t.name}</strong>: <Markdown inline text={t.description} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {input}
      {result ? <PartFeedback result={result} /> : null}
    </li>
  );
}
