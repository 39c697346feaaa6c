import { z } from 'zod';
import { LEVEL_IDS } from './levels.ts';

const nonEmptyText = z.string().trim().min(1, 'must not be empty');
const minutes = z
  .number({ error: 'must be a number of minutes' })
  .int('must be a whole number of minutes')
  .min(0, 'must be 0 or more minutes')
  .max(240, 'must be at most 240 minutes (split longer episodes)');

/**
 * The frontmatter of an episode: one teaching unit of a level, in the Carpentries shape.
 * The site renders `questions` and `objectives` at the top of the page and `keypoints` at the end;
 * the schedule page sums `teaching` and `exercises`.
 */
export const episodeFields = {
  /** The episode's title, shown as its page heading and in the sidebar. Short, often a question. */
  title: nonEmptyText,
  /** One sentence for search results and link previews; 150-160 characters reads best. */
  description: nonEmptyText.optional(),
  /** The level this episode belongs to; must match the folder it lives in. */
  level: z.enum(LEVEL_IDS, { error: `must be one of ${LEVEL_IDS.join(', ')}` }),
  /** Position within the level, 1 for the first episode. Two episodes of a level may not share it. */
  order: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more'),
  /** Minutes an instructor needs to teach the episode, exercises excluded. */
  teaching: minutes,
  /** Minutes learners need for the challenges. */
  exercises: minutes,
  /** The questions this episode answers, as a learner would ask them. */
  questions: z.array(nonEmptyText).min(1, 'needs at least one question'),
  /** What a learner can do after the episode; start each with a verb ("Explain", "Measure"). */
  objectives: z.array(nonEmptyText).min(1, 'needs at least one objective'),
  /** The points to remember, shown at the end of the episode. */
  keypoints: z.array(nonEmptyText).min(1, 'needs at least one key point'),
  /** Episodes to read first, as `level/slug` (for example `foundations/measuring-time`). */
  prerequisites: z.array(z.string().regex(/^[a-z]+\/[a-z0-9-]+$/, 'must look like level/episode-slug')).default([]),
};

export const episodeSchema = z.object(episodeFields).strict();
export type Episode = z.infer<typeof episodeSchema>;

/** Every other page (level index, setup, glossary): a title and a description. */
export const pageSchema = z.object({ title: nonEmptyText, description: nonEmptyText.optional() }).passthrough();
