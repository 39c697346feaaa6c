import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { openProgressDb } from '../../runtime/browser/progress-db.ts';
import { PROGRESS_DB_VERSION, upgradeAttemptV1 } from '../../runtime/progress/migrate.ts';
import { attempt, assignment, state } from './progress-fixtures.ts';

let n = 0;
const fresh = () => `progress-test-${++n}`;
const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function open(name: string) {
  const store = await openProgressDb({ name });
  opened.push(store);
  return store;
}

describe('the IndexedDB progress store', () => {
  it('keeps states, attempts and assignments across reopening (a reload)', async () => {
    const name = fresh();
    const first = await open(name);
    await first.putState(state());
    await first.addAttempt(attempt({ id: 'late', at: '2025-03-02T00:00:00.000Z' }));
    await first.addAttempt(attempt({ id: 'early' }));
    await first.addAttempt(attempt({ id: 'other', exercise: 'write-a-spec', answers: { spec: 'version: 1' }, parts: {} }));
    await first.putAssignment(assignment());
    first.close();
    const again = await open(name);
    expect(await again.getState('read-two-runs')).toEqual(state());
    expect((await again.attempts('read-two-runs')).map((a) => a.id)).toEqual(['early', 'late']);
    expect((await again.attempts()).length).toBe(3);
    expect(await again.getAssignment('read-two-runs')).toEqual(assignment());
    expect(await again.getState('write-a-spec')).toBeUndefined();
  });

  it('refuses a malformed record with a message that names the field', async () => {
    const store = await open(fresh());
    await expect(store.addAttempt(attempt({ seed: 1.5 }))).rejects.toThrow(/refusing to store this attempt: seed: a seed is a whole number/);
    await expect(store.putState(state({ hintsShown: -1 }))).rejects.toThrow(/exercise state: hintsShown/);
  });

  it('imports by merging, in one go, and reports what it added', async () => {
    const store = await open(fresh());
    await store.addAttempt(attempt({ id: 'mine' }));
    await store.putState(state({ updatedAt: '2025-03-09T00:00:00.000Z', seed: 1 }));
    const report = await store.importSnapshot({
      attempts: [attempt({ id: 'mine' }), attempt({ id: 'theirs' })],
      states: [state({ seed: 2 })],
      assignments: [assignment()],
    });
    expect(report).toMatchObject({ attemptsAdded: 1, attemptsKnown: 1, statesKept: ['read-two-runs'], assignmentsTaken: ['read-two-runs'] });
    expect((await store.attempts()).map((a) => a.id).sort()).toEqual(['mine', 'theirs']);
    expect((await store.getState('read-two-runs'))!.seed).toBe(1);
    const again = await store.importSnapshot({ attempts: [attempt({ id: 'theirs' })], states: [], assignments: [] });
    expect(again.attemptsAdded).toBe(0);
  });

  it('an import with a bad record changes nothing', async () => {
    const store = await open(fresh());
    await store.addAttempt(attempt({ id: 'mine' }));
    await expect(
      store.importSnapshot({ attempts: [attempt({ id: 'new' }), attempt({ id: 'bad', score: 2 })], states: [], assignments: [] }),
    ).rejects.toThrow(/score/);
    expect((await store.attempts()).map((a) => a.id)).toEqual(['mine']);
  });

  it('upgrades a version-1 database: attempts and seeds become current records, nothing lost', async () => {
    const name = fresh();
    // A database as the first layout wrote it.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('attempts', { autoIncrement: true });
        db.createObjectStore('seeds', { keyPath: 'exercise' });
      },
    });
    await v1.add('attempts', {
      exercise: 'read-two-runs',
      seed: 77,
      answers: { median: '3.1 ms', order: ['a', 'b'] },
      score: 0.25,
      at: Date.UTC(2024, 10, 5),
    });
    await v1.add('attempts', { exercise: 'read-two-runs', seed: 77, answers: { median: '3.3 ms' }, score: 1, at: Date.UTC(2024, 10, 6) });
    await v1.add('attempts', { exercise: 'write-a-spec', seed: 8, answers: { spec: 'version: 1' }, score: 0.4, at: Date.UTC(2024, 10, 7) });
    await v1.put('seeds', { exercise: 'read-two-runs', seed: 77 });
    await v1.put('seeds', { exercise: 'write-a-spec', seed: 8 });
    v1.close();

    const store = await open(name);
    const attempts = await store.attempts();
    expect(attempts.map((a) => [a.id, a.exercise, a.seed, a.score, a.complete, a.at])).toEqual([
      ['v1-1', 'read-two-runs', 77, 0.25, false, '2024-11-05T00:00:00.000Z'],
      ['v1-2', 'read-two-runs', 77, 1, true, '2024-11-06T00:00:00.000Z'],
      ['v1-3', 'write-a-spec', 8, 0.4, false, '2024-11-07T00:00:00.000Z'],
    ]);
    expect(attempts[0]!.answers).toEqual({ median: '3.1 ms', order: ['a', 'b'] });
    expect(await store.getState('read-two-runs')).toMatchObject({ seed: 77, seedSource: 'local', draft: {}, hintsShown: 0 });
    expect((await store.getState('write-a-spec'))!.seed).toBe(8);
    // The upgraded database works as a current one, and is at the current version.
    await store.addAttempt(attempt({ id: 'new' }));
    expect((await store.attempts('read-two-runs')).length).toBe(3);
    store.close();
    const raw = await openDB(name);
    expect(raw.version).toBe(PROGRESS_DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual(['assignments', 'attempts', 'exercises']);
    raw.close();
  });

  it('a damaged version-1 attempt is left out, the others upgrade', () => {
    expect(upgradeAttemptV1({ seed: 3 }, 1)).toBeUndefined();
    expect(upgradeAttemptV1({ exercise: 'read-two-runs', seed: -3 }, 1)).toBeUndefined();
    expect(upgradeAttemptV1({ exercise: 'read-two-runs', seed: 3, score: 7, answers: { x: 5 } }, 'k')).toMatchObject({
      id: 'v1-k',
      score: 1,
      answers: {},
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});
