import { parseCsv } from './csv.ts';

/**
 * The roster: who is in the course, as a CSV with a header row. `learner` is required (the id the
 * course knows them by, exactly as in their link and their submission's file name); the other
 * columns are optional and only copied into the LMS gradebooks: name, email, canvas_id,
 * sis_user_id, sis_login_id, section.
 */

export interface Learner {
  learner: string;
  name?: string;
  email?: string;
  canvasId?: string;
  sisUserId?: string;
  sisLoginId?: string;
  section?: string;
}

const COLUMNS: Record<string, keyof Learner> = {
  learner: 'learner',
  name: 'name',
  email: 'email',
  canvas_id: 'canvasId',
  sis_user_id: 'sisUserId',
  sis_login_id: 'sisLoginId',
  section: 'section',
};

/**
 * A learner id names their feedback file and submission file, so it is a plain name: letters, digits
 * and . _ @ + - (an e-mail address or a login), not starting with a dot, at most 100 characters.
 * Anything else (a slash, `..`, a space) would let a name point outside the grader's folders.
 */
export const LEARNER_ID = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,99}$/;

export function learnerIdProblem(id: string): string | undefined {
  if (!LEARNER_ID.test(id) || id.includes('..'))
    return `"${id}" is not a learner id: letters, digits and . _ @ + - only, not starting with a dot, no "..", at most 100 characters`;
  return undefined;
}

export interface RosterParse {
  learners: Learner[];
  /** `line N: why`, each problem once. */
  errors: string[];
}

export function parseRoster(text: string): RosterParse {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text);
  } catch (e) {
    return { learners: [], errors: [(e as Error).message] };
  }
  if (rows.length === 0) return { learners: [], errors: ['line 1: the roster is empty; it needs a header row with a "learner" column'] };
  const header = rows[0]!.fields.map((h) => h.trim().toLowerCase());
  const errors: string[] = [];
  const unknown = header.filter((h) => !(h in COLUMNS));
  if (unknown.length)
    errors.push(
      `line ${rows[0]!.line}: unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; the columns are ${Object.keys(COLUMNS).join(', ')}`,
    );
  if (!header.includes('learner')) errors.push(`line ${rows[0]!.line}: the header has no "learner" column`);
  if (errors.length) return { learners: [], errors };
  const learners: Learner[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(1)) {
    if (row.fields.length !== header.length) {
      errors.push(`line ${row.line}: ${row.fields.length} field(s), the header has ${header.length}`);
      continue;
    }
    const l: Partial<Learner> = {};
    header.forEach((h, k) => {
      const v = row.fields[k]!.trim();
      if (v !== '') l[COLUMNS[h]!] = v;
    });
    const id = l.learner ?? '';
    const problem = id === '' ? 'the learner id is empty' : learnerIdProblem(id);
    if (problem) errors.push(`line ${row.line}: ${problem}`);
    else if (seen.has(id)) errors.push(`line ${row.line}: "${id}" is already on line ${seen.get(id)}`);
    else {
      seen.set(id, row.line);
      learners.push(l as Learner);
    }
  }
  return { learners, errors };
}
