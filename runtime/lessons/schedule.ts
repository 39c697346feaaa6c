import { LEVELS, type LevelId } from './levels.ts';

export interface ScheduleEntry {
  route: string;
  title: string;
  level: LevelId;
  order: number;
  teaching: number;
  exercises: number;
}

/**
 * A workshop schedule: episodes in level and order, each with its start offset, and minutes summed
 * per level and overall (teaching + exercises, as the Carpentries schedule does).
 */
export function schedule(entries: readonly ScheduleEntry[]) {
  const levels = LEVELS.map((level) => {
    const episodes = entries.filter((e) => e.level === level.id).sort((a, b) => a.order - b.order);
    let clock = 0;
    const rows = episodes.map((e) => {
      const start = clock;
      clock += e.teaching + e.exercises;
      return { ...e, start, total: e.teaching + e.exercises };
    });
    const teaching = rows.reduce((s, r) => s + r.teaching, 0);
    const exercises = rows.reduce((s, r) => s + r.exercises, 0);
    return { level, rows, teaching, exercises, total: teaching + exercises };
  });
  const teaching = levels.reduce((s, l) => s + l.teaching, 0);
  const exercises = levels.reduce((s, l) => s + l.exercises, 0);
  return { levels, teaching, exercises, total: teaching + exercises };
}

/** 95 -> "1 h 35 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}
