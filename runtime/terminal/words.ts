/**
 * Splits a command line into words as a shell would for the simple cases: spaces separate words,
 * 'single' and "double" quotes keep spaces inside a word, a backslash escapes the next character.
 * Nothing is expanded or executed: this is not a shell.
 */
export function splitWords(line: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { words: [], error: `a ${quote === '"' ? 'double' : 'single'} quote is not closed` };
  if (inWord) words.push(word);
  return { words };
}
