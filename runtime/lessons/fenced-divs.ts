/**
 * Carpentries lessons write fenced divs as `::: challenge` (a space after the colons, as Pandoc
 * allows); the directive parser used by MDX wants `:::challenge`. This removes that space on fence
 * lines outside code blocks, so both spellings work. Only fence lines change, and only after their
 * colons, so line numbers and the columns of everything that can be reported stay as written.
 */
const FENCE_OPEN = /^(\s*)(:{3,})[ \t]+([A-Za-z][\w-]*)/;
const CODE_FENCE = /^\s*(`{3,}|~{3,})/;

export function normalizeFencedDivs(source: string): string {
  const lines = source.split('\n');
  let codeFence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const code = CODE_FENCE.exec(line);
    if (code) {
      const marker = code[1]!;
      if (codeFence === null) codeFence = marker;
      else if (marker[0] === codeFence[0] && marker.length >= codeFence.length) codeFence = null;
      continue;
    }
    if (codeFence === null) lines[i] = line.replace(FENCE_OPEN, '$1$2$3');
  }
  return lines.join('\n');
}
