import { toCsv } from './csv.ts';
import { GRADES_FORMAT, GRADES_VERSION, roundPoints, type GradesFile } from './grades.ts';

/**
 * What the statistics page shows from grades.json, so an instructor sees what to re-teach: per exercise
 * the points of every graded learner and the hints they used; per part how many were right, partly
 * right, wrong or unreadable; the most common wrong answers and format errors. Core code: the page and
 * the tests run the same functions.
 */

export interface ExerciseStats {
  exercise: string;
  title: string;
  max: number;
  /** Points of each learner whose file was graded (missing and error rows are left out). */
  points: number[];
  meanPoints: number;
  /** Learners who opened at least one hint, and the mean number of hints opened. */
  usedHints: number;
  meanHints: number;
  /** Attempts on another variant, over all learners. */
  flagged: number;
}

export interface PartStats {
  exercise: string;
  part: string;
  /** Learners whose best attempt answered the part. */
  answered: number;
  correct: number;
  partial: number;
  wrong: number;
  formatError: number;
  meanScore: number;
}

export interface Common {
  exercise: string;
  part: string;
  text: string;
  /** Learners who gave it (each counted once however often they gave it). */
  learners: number;
}

export interface Statistics {
  assignment: GradesFile['assignment'];
  learners: { total: number; graded: number; missing: number; error: number };
  exercises: ExerciseStats[];
  parts: PartStats[];
  wrongAnswers: Common[];
  formatErrors: Common[];
}

/** Reads grades.json's text; an error says why it is not one. */
export function readGrades(text: string): { grades?: GradesFile; error?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON (${(e as Error).message}): choose the grades.json that workbook grade wrote` };
  }
  const g = data as Partial<GradesFile> | null;
  if (!g || typeof g !== 'object' || g.format !== GRADES_FORMAT) return { error: `not a grades.json: it has no "format": "${GRADES_FORMAT}"` };
  if (g.version !== GRADES_VERSION) return { error: `grades.json of version ${String(g.version)}; this page reads version ${GRADES_VERSION}` };
  if (!Array.isArray(g.learners) || !g.assignment || !Array.isArray(g.assignment.exercises))
    return { error: 'grades.json without its learners or its assignment' };
  if (g.shard) return { error: `the grades of shard ${g.shard.index}/${g.shard.count} only: merge the shards first (workbook grade --merge)` };
  return { grades: g as GradesFile };
}

const mean = (xs: number[]) => (xs.length ? roundPoints(xs.reduce((s, x) => s + x, 0) / xs.length) : 0);

/** The most common texts per exercise and part, each learner counted once per text, most learners first (ties by text). */
function common(items: { exercise: string; part: string; text: string; learner: string }[], top: number): Common[] {
  const counts = new Map<string, { c: Common; who: Set<string> }>();
  for (const it of items) {
    const key = JSON.stringify([it.exercise, it.part, it.text]);
    const entry = counts.get(key) ?? { c: { exercise: it.exercise, part: it.part, text: it.text, learners: 0 }, who: new Set<string>() };
    counts.set(key, entry);
    entry.who.add(it.learner);
  }
  const all = [...counts.values()].map(({ c, who }) => ({ ...c, learners: who.size }));
  const out: Common[] = [];
  const groups = new Map<string, Common[]>();
  for (const c of all) groups.set(`${c.exercise}\u0000${c.part}`, [...(groups.get(`${c.exercise}\u0000${c.part}`) ?? []), c]);
  for (const [, list] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(...list.sort((x, y) => y.learners - x.learners || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0)).slice(0, top));
  }
  return out;
}

export function statistics(g: GradesFile, top = 5): Statistics {
  const graded = g.learners.filter((l) => l.status === 'graded');
  const exercises: ExerciseStats[] = g.assignment.exercises.map((meta, k) => {
    const rows = graded.map((l) => l.exercises[k]!).filter(Boolean);
    const points = rows.map((e) => e.points);
    return {
      exercise: meta.id,
      title: meta.title,
      max: meta.points,
      points,
      meanPoints: mean(points),
      usedHints: rows.filter((e) => e.hintsShown > 0).length,
      meanHints: mean(rows.map((e) => e.hintsShown)),
      flagged: g.learners.reduce((s, l) => s + (l.exercises[k]?.flagged ?? 0), 0),
    };
  });
  const parts: PartStats[] = g.assignment.exercises.flatMap((meta, k) =>
    meta.parts.map((p) => {
      const results = graded.map((l) => l.exercises[k]?.parts[p.id]).filter((r) => r !== undefined);
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        exercise: meta.id,
        part: p.id,
        answered: results.length,
        correct: count('correct'),
        partial: count('partial'),
        wrong: count('wrong'),
        formatError: count('format-error'),
        meanScore: mean(results.map((r) => r.score)),
      };
    }),
  );
  const wrong = graded.flatMap((l) =>
    l.exercises.flatMap((e) => e.wrong.map((w) => ({ exercise: e.exercise, part: w.part, text: w.answer, learner: l.learner }))),
  );
  const format = graded.flatMap((l) =>
    l.exercises.flatMap((e) => e.formatErrors.map((f) => ({ exercise: e.exercise, part: f.part, text: f.feedback, learner: l.learner }))),
  );
  return {
    assignment: g.assignment,
    learners: {
      total: g.learners.length,
      graded: graded.length,
      missing: g.learners.filter((l) => l.status === 'missing').length,
      error: g.learners.filter((l) => l.status === 'error').length,
    },
    exercises,
    parts,
    wrongAnswers: common(wrong, top),
    formatErrors: common(format, top),
  };
}

/** The statistics as CSV: one row per exercise part, then the common wrong answers and format errors. */
export function statisticsCsv(s: Statistics): string {
  const rows: (string | number)[][] = [
    ['kind', 'exercise', 'part', 'answered', 'correct', 'partial', 'wrong', 'format errors', 'mean score', 'text', 'learners'],
  ];
  for (const p of s.parts) rows.push(['part', p.exercise, p.part, p.answered, p.correct, p.partial, p.wrong, p.formatError, p.meanScore, '', '']);
  for (const w of s.wrongAnswers) rows.push(['wrong answer', w.exercise, w.part, '', '', '', '', '', '', w.text, w.learners]);
  for (const f of s.formatErrors) rows.push(['format error', f.exercise, f.part, '', '', '', '', '', '', f.text, f.learners]);
  for (const e of s.exercises) rows.push(['hints', e.exercise, '', e.points.length, '', '', '', '', '', `mean ${e.meanHints} hints`, e.usedHints]);
  return toCsv(rows);
}
