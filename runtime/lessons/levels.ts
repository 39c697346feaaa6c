/** The four levels of the workbook, in teaching order. Folder names under `lessons/` are these ids. */
export const LEVELS = [
  { id: 'foundations', title: 'Foundations', audience: 'Undergraduates and anyone new to benchmarking' },
  { id: 'practitioner', title: 'Practitioner', audience: 'Engineers who build and ship models' },
  { id: 'researcher', title: 'Researcher', audience: 'Graduate students and researchers who publish results' },
  { id: 'professional', title: 'Professional', audience: 'People who run benchmark programmes and buy hardware' },
] as const;

export type LevelId = (typeof LEVELS)[number]['id'];

export const LEVEL_IDS = LEVELS.map((l) => l.id) as [LevelId, ...LevelId[]];

export function levelById(id: string) {
  return LEVELS.find((l) => l.id === id);
}

/** Pages of a level folder that are not episodes: the level's own page, its instructor guide and its cheat sheet. */
export const LEVEL_PAGES = ['index', 'instructor-guide', 'cheat-sheet'] as const;
