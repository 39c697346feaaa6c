// The lessons part of the engine: what the site, the linter and the tests may use.
export { LEVELS, LEVEL_IDS, levelById, type LevelId } from './levels.ts';
export { episodeSchema, episodeFields, pageSchema, type Episode } from './episode-schema.ts';
export { BLOCKS, BLOCK_NAMES, blockKind, type BlockName, type BlockKind } from './blocks.ts';
export { normalizeFencedDivs } from './fenced-divs.ts';
export { remarkBlocks } from './remark-blocks.ts';
export { remarkScrollableTables } from './remark-tables.ts';
export { lintLessons, type Diagnostic, type LessonFile, type LintOptions } from './lint.ts';
export { routeOf, normalizeRoute } from './routes.ts';
export { schedule, formatMinutes, type ScheduleEntry } from './schedule.ts';
