import { CAPSTONE_SECTIONS } from './report.ts';

/**
 * Whether a report section is the learner's own prose, as far as a program can tell: the templates of
 * every section are taken out (a section padded with other sections' templates has written nothing),
 * and what is left must read like sentences of real words, not tokens (spec0 spec1 ...) or one word
 * repeated. It cannot judge whether the prose is good: that stays with the instructor. Core code.
 */

/** Words of the learner's own (letters only, two or more, template removed) a section needs. */
export const MIN_SECTION_WORDS = 25;
/** Different words among them: a section that says something uses more than a handful. */
export const MIN_DISTINCT_WORDS = 15;
/** Distinct words over all words: prose is rarely below 0.35; repetition ("blah blah ...") is near 0. */
export const MIN_DISTINCT_RATIO = 0.35;
/** Sentences (ended by . ! ? or a line break, with three words or more). */
export const MIN_SENTENCES = 2;

/** The text with every section's template sentence taken out, wherever it stands. */
export function withoutTemplates(text: string): string {
  let out = text;
  for (const s of CAPSTONE_SECTIONS) {
    // The template, and each of its sentences on its own (a learner may keep half of one).
    for (const piece of [s.template, ...s.template.split(/(?<=[.:])\s+/)]) if (piece.length > 12) out = out.split(piece).join(' ');
  }
  return out.replace(/\bReplace this:?/g, ' ');
}

/** Dictionary-like words: letters only (an apostrophe or hyphen inside), at least two letters; "spec12", "4.2", "p95" are not counted. */
export function proseWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}_'’-]+/gu) ?? [])
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, '').toLowerCase())
    .filter((w) => /^\p{L}[\p{L}'’-]*\p{L}$/u.test(w));
}

export function sentences(text: string): number {
  return text.split(/[.!?]+(?:\s|$)|\n+/).filter((s) => proseWords(s).length >= 3).length;
}

/** Why a section's own text is not yet prose, or null when it is. */
export function proseProblem(own: string): string | null {
  const words = proseWords(own);
  if (words.length < MIN_SECTION_WORDS)
    return `${words.length} words of your own: a section needs at least ${MIN_SECTION_WORDS} real words (letters; numbers, codes and the templates are not counted) to say something.`;
  const distinct = new Set(words).size;
  if (distinct < MIN_DISTINCT_WORDS || distinct / words.length < MIN_DISTINCT_RATIO)
    return `${distinct} different words in ${words.length}: this reads as repetition, not prose; say what the section asks in sentences of your own.`;
  const n = sentences(own);
  if (n < MIN_SENTENCES) return `${n} sentence${n === 1 ? '' : 's'}: write the section as at least ${MIN_SENTENCES} sentences, not a list of words.`;
  return null;
}
