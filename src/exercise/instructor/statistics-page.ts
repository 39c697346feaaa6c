import { readGrades, statistics, statisticsCsv, type Statistics } from '../../../runtime/classroom/statistics.ts';

/**
 * The statistics page: grades.json dropped or chosen here is read in this page (nothing is uploaded)
 * and shown per exercise and part: score distributions (Observable Plot), common wrong answers and
 * format errors, hints used; "Export CSV" saves the same numbers.
 */
export function setUpStatisticsPage(): void {
  const input = document.getElementById('stats-file') as HTMLInputElement;
  const drop = document.getElementById('stats-drop')!;
  const status = document.getElementById('stats-status')!;
  const out = document.getElementById('stats-result')!;
  const exportButton = document.getElementById('stats-export') as HTMLButtonElement;
  let current: Statistics | undefined;

  const load = async (file: File) => {
    const { grades, error } = readGrades(await file.text());
    out.replaceChildren();
    if (!grades) {
      status.textContent = `${file.name}: ${error}`;
      exportButton.disabled = true;
      return;
    }
    current = statistics(grades);
    const l = current.learners;
    status.textContent = `${grades.assignment.title}: ${l.total} learners, ${l.graded} graded, ${l.missing} missing, ${l.error} error rows.`;
    exportButton.disabled = false;
    await render(current, out);
  };
  input.addEventListener('change', () => {
    if (input.files?.[0]) void load(input.files[0]);
  });
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) void load(file);
  });
  exportButton.addEventListener('click', () => {
    if (!current) return;
    const url = URL.createObjectURL(new Blob([statisticsCsv(current)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${current.assignment.id}-statistics.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function table(caption: string, head: string[], rows: (string | number)[][]): HTMLElement {
  const wrap = el('div', undefined, { class: 'bc-stats-scroll', tabindex: '0', role: 'region', 'aria-label': caption });
  const t = el('table');
  t.append(el('caption', caption));
  const thead = el('thead');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', h, { scope: 'col' }));
  thead.append(tr);
  const tbody = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    for (const c of r) row.append(el('td', String(c)));
    tbody.append(row);
  }
  t.append(thead, tbody);
  wrap.append(t);
  return wrap;
}

/** A plot as one image for assistive tech: its marks' own aria-labels (on <g>, not allowed there) removed; the tables beside it hold the numbers. */
function asImage(figure: Element, label: string): Element {
  figure.setAttribute('role', 'img');
  figure.setAttribute('aria-label', label);
  for (const inner of figure.querySelectorAll('[aria-label], [aria-description]')) {
    if (inner === figure) continue;
    inner.removeAttribute('aria-label');
    inner.removeAttribute('aria-description');
  }
  return figure;
}

async function render(s: Statistics, out: HTMLElement): Promise<void> {
  const Plot = await import('@observablehq/plot');
  for (const e of s.exercises) {
    const section = el('section', undefined, { 'data-exercise': e.exercise });
    section.append(el('h2', `${e.title} (${e.max} points)`));
    section.append(
      el(
        'p',
        `${e.points.length} graded; mean ${e.meanPoints} points. Hints: ${e.usedHints} learner(s) opened any, ${e.meanHints} on average.${e.flagged ? ` ${e.flagged} attempt(s) on another variant (flagged).` : ''}`,
      ),
    );
    if (e.points.length) {
      const figure = Plot.plot({
        height: 180,
        x: { label: 'points', domain: [0, e.max] },
        y: { label: 'learners', grid: true },
        marks: [
          Plot.rectY(e.points, Plot.binX({ y: 'count' }, { x: (d: number) => d, thresholds: 10, domain: [0, e.max] } as never)),
          Plot.ruleY([0]),
        ],
      });
      section.append(asImage(figure, `Distribution of points on ${e.title}`));
    }
    const parts = s.parts.filter((p) => p.exercise === e.exercise);
    const bars = parts.flatMap((p) =>
      (['correct', 'partial', 'wrong', 'formatError'] as const).map((k) => ({
        part: p.part,
        status: k === 'formatError' ? 'format error' : k,
        learners: p[k],
      })),
    );
    if (bars.some((b) => b.learners > 0)) {
      const figure = Plot.plot({
        height: 40 + 30 * parts.length,
        marginLeft: 110,
        x: { label: 'learners', grid: true },
        y: { label: null },
        color: { legend: true, domain: ['correct', 'partial', 'wrong', 'format error'], range: ['#2a9d3a', '#e0b400', '#c4361d', '#7a5cc4'] },
        marks: [Plot.barX(bars, { x: 'learners', y: 'part', fill: 'status' })],
      });
      section.append(asImage(figure, `Parts of ${e.title}: correct, partial, wrong, format errors`));
    }
    section.append(
      table(
        `${e.title}: parts`,
        ['part', 'answered', 'correct', 'partial', 'wrong', 'format errors', 'mean score'],
        parts.map((p) => [p.part, p.answered, p.correct, p.partial, p.wrong, p.formatError, p.meanScore]),
      ),
    );
    const wrong = s.wrongAnswers.filter((w) => w.exercise === e.exercise);
    if (wrong.length)
      section.append(
        table(
          `${e.title}: most common wrong answers`,
          ['part', 'answer', 'learners'],
          wrong.map((w) => [w.part, w.text, w.learners]),
        ),
      );
    const format = s.formatErrors.filter((w) => w.exercise === e.exercise);
    if (format.length)
      section.append(
        table(
          `${e.title}: most common format errors`,
          ['part', 'feedback', 'learners'],
          format.map((w) => [w.part, w.text, w.learners]),
        ),
      );
    out.append(section);
  }
}
