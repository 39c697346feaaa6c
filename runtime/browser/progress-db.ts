import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { mergeSnapshots, type MergeReport } from '../progress/merge.ts';
import { PROGRESS_DB_NAME, PROGRESS_DB_VERSION, upgradeAttemptV1, upgradeSeedV1 } from '../progress/migrate.ts';
import {
  assignmentSchema,
  attemptSchema,
  exerciseStateSchema,
  type Assignment,
  type Attempt,
  type ExerciseState,
  type ProgressSnapshot,
} from '../progress/records.ts';
import { MemoryProgressStore, type ProgressStore } from '../progress/store.ts';

/**
 * The learner's progress in IndexedDB (through idb), in the layout of runtime/progress/migrate.ts. A
 * database of an older layout is upgraded when the page opens it: version 1's attempts and seeds become
 * version 2's attempts and exercise states, nothing dropped.
 */

interface ProgressDb extends DBSchema {
  attempts: { key: string; value: Attempt; indexes: { exercise: string } };
  exercises: { key: string; value: ExerciseState };
  assignments: { key: string; value: Assignment };
}

type UpgradeTx = IDBPTransaction<ProgressDb, StoreNames<ProgressDb>[], 'versionchange'>;

function createCurrentStores(db: IDBPDatabase<ProgressDb>): void {
  db.createObjectStore('attempts', { keyPath: 'id' }).createIndex('exercise', 'exercise');
  db.createObjectStore('exercises', { keyPath: 'exercise' });
  db.createObjectStore('assignments', { keyPath: 'exercise' });
}

/** Layout 1 -> 2: read the old stores in the upgrade transaction, replace them, write the records back upgraded. */
async function upgradeFrom1(db: IDBPDatabase<ProgressDb>, tx: UpgradeTx): Promise<void> {
  // The old stores are not in the current schema's types: reach them untyped.
  const raw = db as unknown as IDBPDatabase;
  const rawTx = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
  const names = [...raw.objectStoreNames];
  const oldAttempts = names.includes('attempts') ? rawTx.objectStore('attempts') : undefined;
  const [values, keys] = oldAttempts ? await Promise.all([oldAttempts.getAll(), oldAttempts.getAllKeys()]) : [[], []];
  const seeds = names.includes('seeds') ? await rawTx.objectStore('seeds').getAll() : [];
  for (const name of names) raw.deleteObjectStore(name);
  createCurrentStores(db);
  const now = new Date().toISOString();
  const attempts = tx.objectStore('attempts');
  values.forEach((value, i) => {
    const a = upgradeAttemptV1(value, keys[i] as number | string);
    if (a) void attempts.put(a);
  });
  const states = tx.objectStore('exercises');
  for (const s of seeds) {
    const state = upgradeSeedV1(s, now);
    if (state) void states.put(state);
  }
}

/** A record's problem as an Error that names the store: a bug in the page, never the learner's. */
function validated<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  value: unknown,
  what: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new TypeError(
      `progress: refusing to store this ${what}: ${r.error.issues.map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}

export class IdbProgressStore implements ProgressStore {
  readonly kind = 'indexeddb' as const;
  private readonly db: IDBPDatabase<ProgressDb>;

  constructor(db: IDBPDatabase<ProgressDb>) {
    this.db = db;
  }

  getState(exercise: string) {
    return this.db.get('exercises', exercise);
  }
  async putState(state: ExerciseState) {
    await this.db.put('exercises', validated(exerciseStateSchema, state, 'exercise state'));
  }
  async addAttempt(attempt: Attempt) {
    await this.db.put('attempts', validated(attemptSchema, attempt, 'attempt'));
  }
  async attempts(exercise?: string) {
    const list = exercise === undefined ? await this.db.getAll('attempts') : await this.db.getAllFromIndex('attempts', 'exercise', exercise);
    return list.sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id));
  }
  getAssignment(exercise: string) {
    return this.db.get('assignments', exercise);
  }
  async putAssignment(assignment: Assignment) {
    await this.db.put('assignments', validated(assignmentSchema, assignment, 'assignment'));
  }
  async snapshot(): Promise<ProgressSnapshot> {
    const tx = this.db.transaction(['attempts', 'exercises', 'assignments'], 'readonly');
    const [attempts, states, assignments] = await Promise.all([
      tx.objectStore('attempts').getAll(),
      tx.objectStore('exercises').getAll(),
      tx.objectStore('assignments').getAll(),
    ]);
    await tx.done;
    return { attempts: attempts.sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id)), states, assignments };
  }
  /** Merges in one transaction: a failure leaves the store as it was. */
  async importSnapshot(incoming: ProgressSnapshot): Promise<MergeReport> {
    const checked: ProgressSnapshot = {
      attempts: incoming.attempts.map((a) => validated(attemptSchema, a, 'attempt')),
      states: incoming.states.map((s) => validated(exerciseStateSchema, s, 'exercise state')),
      assignments: incoming.assignments.map((a) => validated(assignmentSchema, a, 'assignment')),
    };
    const tx = this.db.transaction(['attempts', 'exercises', 'assignments'], 'readwrite');
    const [attempts, states, assignments] = await Promise.all([
      tx.objectStore('attempts').getAll(),
      tx.objectStore('exercises').getAll(),
      tx.objectStore('assignments').getAll(),
    ]);
    const { merged, report } = mergeSnapshots({ attempts, states, assignments }, checked);
    const known = new Set(attempts.map((a) => a.id));
    await Promise.all([
      ...merged.attempts.filter((a) => !known.has(a.id)).map((a) => tx.objectStore('attempts').put(a)),
      ...merged.states.map((s) => tx.objectStore('exercises').put(s)),
      ...merged.assignments.map((a) => tx.objectStore('assignments').put(a)),
    ]);
    await tx.done;
    return report;
  }
  close() {
    this.db.close();
  }
}

export interface OpenOptions {
  /** The database's name (tests use their own). */
  name?: string;
}

/** Opens (creating or upgrading) the progress database. Rejects when IndexedDB is missing or refuses. */
export async function openProgressDb(options: OpenOptions = {}): Promise<IdbProgressStore> {
  if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
  let store: IdbProgressStore | undefined;
  const db = await openDB<ProgressDb>(options.name ?? PROGRESS_DB_NAME, PROGRESS_DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) createCurrentStores(db);
      else if (oldVersion < 2) await upgradeFrom1(db, tx);
    },
    // Another tab opens a newer layout: let it upgrade (this page's writes then fail, and it says so on reload).
    blocking() {
      store?.close();
    },
  });
  store = new IdbProgressStore(db);
  return store;
}

export interface OpenedStore {
  store: ProgressStore;
  /** Why progress is kept in memory only (storage blocked, private browsing), or undefined. */
  problem?: string;
}

let shared: Promise<OpenedStore> | undefined;

/**
 * The page's progress store, opened once and shared by every exercise on the page: IndexedDB when it
 * opens within `timeoutMs`, otherwise a store in memory with the reason (the page says work will not
 * survive a reload).
 */
export function progressStore(timeoutMs = 5000): Promise<OpenedStore> {
  shared ??= new Promise<OpenedStore>((resolve) => {
    const fallback = (why: string) =>
      resolve({
        store: new MemoryProgressStore(),
        problem: `Your progress cannot be saved in this browser (${why}): it lasts until you leave the page. Export a submission from the progress page to keep it.`,
      });
    const timer = setTimeout(() => fallback('the progress database did not open: is the workbook open in an older tab?'), timeoutMs);
    openProgressDb().then(
      (store) => {
        clearTimeout(timer);
        resolve({ store });
      },
      (e: unknown) => {
        clearTimeout(timer);
        fallback(e instanceof Error ? e.message : String(e));
      },
    );
  });
  return shared;
}
