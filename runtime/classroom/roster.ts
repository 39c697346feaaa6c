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

// Zero-width, bidi and other invisible characters: an id with one looks like another learner's.
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]/u;

export function parseRoster(text: string): RosterParse {
  // A UTF-16 file read as UTF-8 is full of NULs (and may start with FF FE / FE FF, read as U+FFFD).
  if (text.includes('\u0000') || text.startsWith('\ufffd\ufffd'))
    return { learners: [], errors: ['line 1: the roster is not UTF-8 (it looks like UTF-16: NUL bytes); save the roster as UTF-8'] };
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
  const twice = header.filter((h, k) => header.indexOf(h) !== k);
  if (twice.length)
    errors.push(`line ${rows[0]!.line}: the column(s) ${[...new Set(twice)].map((h) => `"${h}"`).join(', ')} appear twice in the header; each once`);
  if (errors.length) return { learners: [], errors };
  const learners: Learner[] = [];
  const seen = new Map<string, { line: number; id: string }>();
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
    const hidden = INVISIBLE.exec(id);
    const problem = hidden
      ? `the learner id has an invisible character (U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at position ${[...id.slice(0, hidden.index)].length + 1}; retype it`
      : id === ''
        ? 'the learner id is empty'
        : learnerIdProblem(id);
    // Ids that differ only in case name the same feedback file on macOS and Windows.
    const key = id.toLowerCase();
    if (problem) errors.push(`line ${row.line}: ${problem}`);
    else if (seen.has(key))
      errors.push(
        `line ${row.line}: "${id}" is already on line ${seen.get(key)!.line}${seen.get(key)!.id === id ? '' : ` as "${seen.get(key)!.id}" (ids that differ only in case collide as file names)`}`,
      );
    else {
      seen.set(key, { line: row.line, id });
      learners.push(l as Learner);
    }
  }
  return { learners, errors };
}
