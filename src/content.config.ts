import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { episodeFields } from '../runtime/lessons/index.ts';

// Lessons live at the top-level `lessons/` folder (content apart from the site's look). Episode
// fields are optional here so index and glossary pages load too; `workbook lint` requires them
// on every episode, with the line of each problem.
const episodeExtension = z.object({
  level: episodeFields.level.optional(),
  order: episodeFields.order.optional(),
  teaching: episodeFields.teaching.optional(),
  exercises: episodeFields.exercises.optional(),
  questions: episodeFields.questions.optional(),
  objectives: episodeFields.objectives.optional(),
  keypoints: episodeFields.keypoints.optional(),
  prerequisites: episodeFields.prerequisites.optional(),
});

export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './lessons' }),
    schema: docsSchema({ extend: episodeExtension }),
  }),
};
