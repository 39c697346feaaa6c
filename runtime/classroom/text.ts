/**
 * Text from a submission (a stamp, an answer, a learner's error) is the learner's: before it reaches a
 * terminal, a CSV or a markdown file, control characters (ESC sequences that repaint a terminal, CR/LF
 * that forge rows or lines, NUL), bidi overrides and zero-width characters (which make text read other
 * than it is) are removed, and every field is cut to a length with an ellipsis.
 */

/** The longest field the gradebooks, feedback and stderr carry from a submission. */
export const MAX_FIELD = 200;

// C0/C1 controls, bidi embeddings/overrides/isolates/marks, zero-width and invisible joiners, BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_KEEP_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/gu;

/** Cuts text to `max` characters (code points), the last one an ellipsis when cut. */
export function capText(text: string, max = MAX_FIELD): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One line: unsafe characters removed (line breaks become spaces), at most `max` characters. */
export function cleanText(text: string, max = MAX_FIELD): string {
  return capText(text.replace(/\r\n|[\r\n]/g, ' ').replace(UNSAFE, ''), max);
}

/** A block (feedback): line breaks kept (CR dropped), every other unsafe character removed, at most `max` characters. */
export function cleanBlock(text: string, max: number): string {
  return capText(text.replace(UNSAFE_KEEP_LINES, ''), max);
}
