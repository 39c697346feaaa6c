import { LEVELS } from '../../runtime/lessons/levels.ts';
import type { AnyExercise, ExerciseKind } from '../../runtime/exercises/types.ts';
import { lookupUnit } from '../../runtime/exercises/units.ts';
import { PLACEHOLDER } from '../../runtime/exercises/markdown.ts';

/** A prompt before the variant exists: its placeholders shown as an ellipsis (the island fills them). */
const unfilled = (text: string) => text.replace(PLACEHOLDER, '…');

/**
 * What the page knows about an exercise before its variant exists: built when the site is built (from
 * the registry) and handed to the island as props, so the title, prompts and hints are in the HTML and
 * the exercise's own code loads only when the island is visible. Plain JSON.
 */
export interface PartMeta {
  id: string;
  /** The question, in markdown. */
  prompt: string;
  type: 'number' | 'choice' | 'ordering' | 'spec' | 'code';
  /** number: the unit the answer is in ('' for a plain number). */
  unit?: string;
  /** number: what kind of quantity the unit measures ("a time"), for the help text. */
  quantity?: string;
  /** choice: pick several. */
  multiple?: boolean;
  /** code: the language of the editor. */
  language?: 'js' | 'wgsl';
  /** The part's share of the exercise's points. */
  points: number;
}

export interface ExerciseMeta {
  id: string;
  title: string;
  level: string;
  levelTitle: string;
  kind: ExerciseKind;
  kindLabel: string;
  points: number;
  summary: string;
  minutes: number;
  parts: PartMeta[];
  /** Hints in markdown, most general first. */
  hints: string[];
}

export const KIND_LABELS: Record<ExerciseKind, string> = {
  'spec-design': 'Spec design',
  interpretation: 'Interpretation',
  code: 'Code',
};

/** The practice page of an exercise. */
export const practiceHref = (id: string) => `/exercises/${id}/`;

export function exerciseMeta(exercise: AnyExercise): ExerciseMeta {
  const total = exercise.parts.reduce((s, p) => s + (p.weight ?? 1), 0);
  return {
    id: exercise.id,
    title: exercise.title,
    level: exercise.level,
    levelTitle: LEVELS.find((l) => l.id === exercise.level)?.title ?? exercise.level,
    kind: exercise.kind,
    kindLabel: KIND_LABELS[exercise.kind],
    points: exercise.points,
    summary: exercise.summary,
    minutes: exercise.minutes,
    hints: exercise.hints,
    parts: exercise.parts.map((p) => {
      const a = p.answer;
      const points = Math.round(((exercise.points * (p.weight ?? 1)) / total) * 100) / 100;
      const base = { id: p.id, prompt: unfilled(p.prompt), type: a.type, points };
      switch (a.type) {
        case 'number':
          return { ...base, unit: a.unit, ...(a.unit ? { quantity: lookupUnit(a.unit)?.quantity } : {}) };
        case 'choice':
          return { ...base, multiple: !!a.multiple };
        case 'code':
          return { ...base, language: a.language };
        default:
          return base;
      }
    }),
  };
}
