import type { Answer, ChoiceAnswerSpec, NumberAnswerSpec, Option, PartResult } from './types.ts';
import { convert, lookupUnit, quantityOf, suggestUnit } from './units.ts';

/**
 * The checkers every exercise builds on: numbers with tolerance and units, choices, orderings. Each
 * takes the learner's answer as typed (text, an id, a list of ids) and returns a PartResult whose
 * feedback says what is wrong without giving the answer away. An answer that cannot be read is a
 * format error: it scores 0 and costs no attempt. Spec rubrics are in rubric.ts.
 */

/** PrairieLearn's defaults for numeric answers. */
export const DEFAULT_RTOL = 1e-2;
export const DEFAULT_ATOL = 1e-8;

export function formatError(feedback: string, extra: Partial<PartResult> = {}): PartResult {
  return { score: 0, status: 'format-error', feedback, ...extra };
}

/** A result from a score: 1 correct, 0 wrong, between partial. */
export function scored(score: number, feedback: string, extra: Partial<PartResult> = {}): PartResult {
  const s = Math.min(1, Math.max(0, score));
  return { score: s, status: s >= 1 ? 'correct' : s <= 0 ? 'wrong' : 'partial', feedback, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** |a - b| <= atol + rtol * |b|: b is the expected value (numpy.isclose, PrairieLearn's relabs). */
export function isClose(a: number, b: number, rtol = DEFAULT_RTOL, atol = DEFAULT_ATOL): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

export type ParsedQuantity = { ok: true; value: number; unit: string } | { ok: false; message: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

/** At most this many characters of an answer are quoted back in feedback (a 1 MB answer must not give 1 MB of feedback). */
export const QUOTE_MAX = 40;

/** `text` as quoted in feedback: cut to QUOTE_MAX characters, with an ellipsis and the length when cut. */
export function quoteAnswer(text: string): string {
  return text.length <= QUOTE_MAX ? text : `${text.slice(0, QUOTE_MAX)}… (${text.length} characters)`;
}

/**
 * Reads `12.5 ms`, `0.0125 s`, `1.2e-2 s`, `12.5ms` and converts it to `expectedUnit`. A plain number
 * is read only when `expectedUnit` is '' (a count, a ratio). Says what is wrong otherwise.
 */
export function parseQuantity(text: string, expectedUnit: string): ParsedQuantity {
  const trimmed = text.trim().replace(/\u2212/g, '-'); // a typographic minus sign
  const quantity = quantityOf(expectedUnit);
  const example = expectedUnit === '' ? '42' : `12.5 ${expectedUnit}`;
  if (trimmed === '') return { ok: false, message: `Type a number${expectedUnit ? ' with its unit' : ''}, like ${example}.` };
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?(\s|$)/.test(trimmed) || /^[+-]?\d+,\d+/.test(trimmed)) {
    return { ok: false, message: `Write the number without thousands separators and with a point for decimals, like ${example}.` };
  }
  if (/^[+-]?0[xXbBoO][0-9a-fA-F]/.test(trimmed)) {
    return {
      ok: false,
      message: `"${quoteAnswer(trimmed.split(/\s/)[0]!)}" is written in another base (0x hexadecimal, 0b binary, 0o octal); write the number in decimal, like ${example}.`,
    };
  }
  const m = NUMBER.exec(trimmed);
  if (!m) return { ok: false, message: `"${quoteAnswer(text.trim())}" does not start with a number; write it like ${example}.` };
  const value = Number(m[0]);
  if (!Number.isFinite(value)) return { ok: false, message: `${quoteAnswer(m[0])} is not a finite number.` };
  const unitText = trimmed.slice(m[0].length).trim();
  if (expectedUnit === '') {
    if (unitText === '') return { ok: true, value, unit: '' };
    return { ok: false, message: `This answer is a plain number, without a unit; remove "${quoteAnswer(unitText)}".` };
  }
  if (unitText === '') return { ok: false, message: `Give the unit too: the answer is ${quantity ?? `in ${expectedUnit}`}, like ${example}.` };
  const unit = lookupUnit(unitText);
  if (!unit) {
    const guess = suggestUnit(unitText);
    return {
      ok: false,
      message: `"${quoteAnswer(unitText)}" is not a unit this workbook knows${guess ? `; did you mean ${guess}?` : `; write it like ${example}.`}`,
    };
  }
  const expected = lookupUnit(expectedUnit);
  if (!expected) throw new Error(`checkNumber: the exercise expects the unknown unit "${expectedUnit}"; this is a bug in the exercise`);
  if (unit.quantity !== expected.quantity) {
    return {
      ok: false,
      message: `${unit.name} is the unit of ${unit.quantity}, but this answer is ${expected.quantity}: use ${expectedUnit} or another unit of ${expected.quantity}.`,
    };
  }
  return { ok: true, value: convert(value, unit.name, expected.name), unit: unit.name };
}

export interface NumberCheckOptions {
  /** Typical wrong values and what to say when the answer is one of them (within the part's tolerance). */
  misconceptions?: { value: number; feedback: string }[];
  /** Other values that count as correct (another standard definition), with a note. */
  alsoAccept?: { value: number; feedback?: string }[];
  /** Said when the answer is wrong and matches no misconception: where to look, not the answer. */
  wrong?: string;
  /** Said when the answer is right (what it means). */
  correct?: string;
  /** Name an answer off by 1000 or 1e6 as a unit slip (default true); false for a plain fraction, which has no unit to slip. */
  unitSlips?: boolean;
}

/**
 * A numeric answer with its unit against the expected value (in the part's unit), with the part's
 * rtol / atol. A wrong answer gets the feedback of the misconception it matches, a note when it is off
 * by exactly a unit factor (1000x), or the generic `wrong` hint.
 */
export function checkNumber(answer: Answer, spec: NumberAnswerSpec, expected: number, options: NumberCheckOptions = {}): PartResult {
  if (typeof answer !== 'string') return formatError('Type a number with its unit in the box.');
  if (!Number.isFinite(expected)) throw new Error(`checkNumber: the expected value is ${expected}; this is a bug in the exercise`);
  const parsed = parseQuantity(answer, spec.unit);
  if (!parsed.ok) return formatError(parsed.message);
  const rtol = spec.rtol ?? DEFAULT_RTOL;
  const atol = spec.atol ?? DEFAULT_ATOL;
  const close = (target: number) => isClose(parsed.value, target, rtol, atol);
  if (close(expected)) return scored(1, options.correct ?? 'Correct.');
  for (const alt of options.alsoAccept ?? []) {
    if (close(alt.value)) return scored(1, alt.feedback ?? options.correct ?? 'Correct.');
  }
  for (const m of options.misconceptions ?? []) {
    if (close(m.value)) return scored(0, m.feedback);
  }
  // Say the tolerance the check used: an absolute part too when it is larger than the default's 1e-8.
  const tolerance =
    atol > DEFAULT_ATOL
      ? `${atol}${spec.unit ? ` ${spec.unit}` : ''} + ${formatPercent(rtol)} of the expected value`
      : `${formatPercent(rtol)} of the expected value`;
  // A slip of a factor is judged by rtol alone: with atol, 0 (or 1e-9) looked like expected / 1000.
  const slipped = (target: number) => parsed.value !== 0 && Math.abs(parsed.value - target) <= rtol * Math.abs(target);
  for (const factor of [1000, 1e6]) {
    if (options.unitSlips !== false && expected !== 0 && (slipped(expected * factor) || slipped(expected / factor))) {
      const check = spec.unit
        ? `check the unit you wrote (${parsed.unit}) against the unit of the numbers you computed from`
        : 'check the units of the numbers you computed from (ms against µs?)';
      return scored(0, `Your number is off by a factor of ${factor === 1000 ? 'a thousand' : 'a million'}: ${check}.`);
    }
  }
  return scored(0, `Not within ${tolerance}. ${options.wrong ?? 'Check your computation step by step.'}`.trim());
}

function formatPercent(x: number): string {
  const p = x * 100;
  return `${Number.isInteger(p) ? p : Number(p.toPrecision(2))}%`;
}

// ---------------------------------------------------------------------------------------------
// Choices

export interface ChoiceCheckOptions {
  /** The misconception behind picking an option that is wrong (a multiple choice names at most one per check). */
  why?: Partial<Record<string, string>>;
  /** Single choice: said when the answer is wrong and the picked option has no `why`. Multiple: where to look, added to any imperfect answer. */
  wrong?: string;
  /** Said when the answer is right. */
  correct?: string;
}

/** The ids an answer picks, or a format problem. Exported for exercises that pick from lists of their own. */
export function readChoice(answer: Answer, spec: ChoiceAnswerSpec, shown: readonly Option[] = spec.options): string[] | string {
  const ids = new Set(shown.map((o) => o.id));
  const picked = typeof answer === 'string' ? [answer] : answer;
  if (!Array.isArray(picked) || picked.some((p) => typeof p !== 'string')) return 'Pick an option.';
  if (picked.length === 0) return spec.multiple ? 'Pick at least one option.' : 'Pick an option.';
  const unknown = picked.filter((p) => !ids.has(p));
  if (unknown.length)
    return `${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the options (${[...ids].join(', ')}).`;
  if (new Set(picked).size !== picked.length) return 'An option is picked twice.';
  if (!spec.multiple && picked.length > 1) return 'Pick only one option.';
  return picked;
}

/**
 * A choice against the correct option(s). Single: 1 or 0. Multiple: PrairieLearn's net partial credit,
 * (right picks - wrong picks) / number of right options, at least 0. The feedback of a multiple choice
 * never enumerates which picks are wrong or which are missing (DESIGN.md): it names at most one
 * misconception (the `why` of the first wrong pick that has one), then says in general words that some
 * picks do not apply and that some that apply are missing. Ticking every option scores 0.
 */
export function checkChoice(
  answer: Answer,
  spec: ChoiceAnswerSpec,
  correct: string | readonly string[],
  options: ChoiceCheckOptions = {},
  shown: readonly Option[] = spec.options,
): PartResult {
  const right = new Set(typeof correct === 'string' ? [correct] : correct);
  const known = new Set(shown.map((o) => o.id));
  for (const id of right)
    if (!known.has(id)) throw new Error(`checkChoice: the correct option "${id}" is not among the options; this is a bug in the exercise`);
  if (right.size === 0 || (!spec.multiple && right.size !== 1))
    throw new Error('checkChoice: a single choice needs exactly one correct option, a multiple choice at least one');
  const picked = readChoice(answer, spec, shown);
  if (typeof picked === 'string') return formatError(picked);
  if (!spec.multiple) {
    const id = picked[0]!;
    if (right.has(id)) return scored(1, options.correct ?? 'Correct.');
    return scored(0, options.why?.[id] ?? options.wrong ?? 'Not this one. Look again at the data before you choose.');
  }
  if (picked.length === shown.length && right.size < shown.length) {
    return scored(0, 'Every option is ticked: that is not an answer. Tick only what you can justify from the data.');
  }
  const hits = picked.filter((p) => right.has(p));
  const misses = picked.filter((p) => !right.has(p));
  const score = Math.max(0, (hits.length - misses.length) / right.size);
  if (misses.length === 0 && hits.length === right.size) return scored(1, options.correct ?? 'Correct: all of them, and nothing else.');
  const lines: string[] = [];
  const named = misses.map((id) => options.why?.[id]).find((w): w is string => !!w);
  if (named) lines.push(named);
  if (misses.length > (named ? 1 : 0)) lines.push(named ? 'Other picks do not apply either.' : 'Some of your picks do not apply here.');
  if (hits.length < right.size) lines.push('Some options that apply are not picked.');
  if (options.wrong) lines.push(options.wrong);
  return scored(score, lines.join(' '));
}

function labelOf(options: readonly Option[], id: string): string {
  return options.find((o) => o.id === id)?.text ?? id;
}

// ---------------------------------------------------------------------------------------------
// Orderings

/**
 * A longest common subsequence of two lists (dynamic programming, O(n m)); ties broken the same way
 * every time, so the feedback is deterministic.
 */
export function longestCommonSubsequence<T>(a: readonly T[], b: readonly T[]): T[] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

export interface OrderingCheckOptions {
  /** Why an item belongs where it does (not where that is): said for up to two items out of place. */
  why?: Partial<Record<string, string>>;
}

/**
 * An ordering against the correct order. Score: the longest common subsequence of the two orders
 * divided by the number of items (the items already in the right order relative to each other).
 * The answer must use every item once; anything else is a format error.
 */
export function checkOrdering(answer: Answer, items: readonly Option[], correct: readonly string[], options: OrderingCheckOptions = {}): PartResult {
  const ids = items.map((i) => i.id);
  if (ids.length !== correct.length || correct.some((c) => !ids.includes(c))) {
    throw new Error('checkOrdering: the correct order must use exactly the items shown; this is a bug in the exercise');
  }
  if (!Array.isArray(answer) || answer.some((a) => typeof a !== 'string')) return formatError('Put the items in order.');
  const unknown = answer.filter((a) => !ids.includes(a));
  if (unknown.length) return formatError(`${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of the items.`);
  if (new Set(answer).size !== answer.length) return formatError('An item appears twice; use each item once.');
  const missing = ids.filter((id) => !answer.includes(id));
  if (missing.length)
    return formatError(
      `Use every item: ${missing.map((id) => `"${labelOf(items, id)}"`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`,
    );
  const common = longestCommonSubsequence(answer, correct);
  const n = correct.length;
  if (common.length === n) return scored(1, 'Correct: every step is where it belongs.');
  const kept = new Set(common);
  const outOfPlace = answer.filter((id) => !kept.has(id));
  const notes = outOfPlace
    .map((id) => options.why?.[id])
    .filter((w): w is string => !!w)
    .slice(0, 2);
  const moves = n - common.length;
  const head = `${common.length} of ${n} items are in the right order relative to each other; moving ${moves} item${moves === 1 ? '' : 's'} would fix it.`;
  return scored(common.length / n, [head, ...notes].join(' '));
}
