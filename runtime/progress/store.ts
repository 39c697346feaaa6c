import { mergeSnapshots, type MergeReport } from './merge.ts';
import type { Assignment, Attempt, ExerciseState, ProgressSnapshot } from './records.ts';

/**
 * Where the page keeps a learner's progress. The browser's is IndexedDB (runtime/browser/progress-db.ts);
 * MemoryProgressStore below stands in where storage is blocked (the work then lasts as long as the page)
 * and in tests. Records are validated by their zod schemas (records.ts) before they are written.
 */
export interface ProgressStore {
  /** Where the data lives: 'indexeddb' survives a reload, 'memory' does not. */
  readonly kind: 'indexeddb' | 'memory';
  getState(exercise: string): Promise<ExerciseState | undefined>;
  putState(state: ExerciseState): Promise<void>;
  addAttempt(attempt: Attempt): Promise<void>;
  /** Attempts of one exercise (or of all), oldest first. */
  attempts(exercise?: string): Promise<Attempt[]>;
  getAssignment(exercise: string): Promise<Assignment | undefined>;
  /** Records a course's seed for an exercise: the classroom's hook (it overrides the local seed). */
  putAssignment(assignment: Assignment): Promise<void>;
  /** Everything, for an export. */
  snapshot(): Promise<ProgressSnapshot>;
  /** Merges a snapshot in (merge.ts rules: nothing is lost) and reports what changed. */
  importSnapshot(incoming: ProgressSnapshot): Promise<MergeReport>;
  close(): void;
}

const byTime = (x: Attempt, y: Attempt) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id);

/** A store in memory: for a page where IndexedDB is blocked, and for tests. */
export class MemoryProgressStore implements ProgressStore {
  readonly kind = 'memory' as const;
  private readonly states = new Map<string, ExerciseState>();
  private readonly attemptList = new Map<string, Attempt>();
  private readonly assignments = new Map<string, Assignment>();

  async getState(exercise: string) {
    return structuredClone(this.states.get(exercise));
  }
  async putState(state: ExerciseState) {
    this.states.set(state.exercise, structuredClone(state));
  }
  async addAttempt(attempt: Attempt) {
    this.attemptList.set(attempt.id, structuredClone(attempt));
  }
  async attempts(exercise?: string) {
    return [...this.attemptList.values()]
      .filter((a) => exercise === undefined || a.exercise === exercise)
      .sort(byTime)
      .map((a) => structuredClone(a));
  }
  async getAssignment(exercise: string) {
    return structuredClone(this.assignments.get(exercise));
  }
  async putAssignment(assignment: Assignment) {
    this.assignments.set(assignment.exercise, structuredClone(assignment));
  }
  async snapshot(): Promise<ProgressSnapshot> {
    return {
      attempts: await this.attempts(),
      states: [...this.states.values()].map((s) => structuredClone(s)),
      assignments: [...this.assignments.values()].map((a) => structuredClone(a)),
    };
  }
  async importSnapshot(incoming: ProgressSnapshot) {
    const { merged, report } = mergeSnapshots(await this.snapshot(), incoming);
    this.states.clear();
    this.attemptList.clear();
    this.assignments.clear();
    for (const s of merged.states) this.states.set(s.exercise, s);
    for (const a of merged.attempts) this.attemptList.set(a.id, a);
    for (const a of merged.assignments) this.assignments.set(a.exercise, a);
    return report;
  }
  close() {}
}
