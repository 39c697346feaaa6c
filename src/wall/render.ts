// The results wall as DOM: one section per spec, one table per group, the differences under it.
// Everything from a result file goes in as text (textContent), never as HTML: the files come from
// other people's machines.
import { formatDuration as formatMs, formatRatio, formatValue as formatNumber } from '../../runtime/format/index.ts';
import type { Wall, WallGroup, WallMetricColumn, WallSpec } from '../../runtime/results/wall.ts';

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes. */
export function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** What a ratio to the best row may claim, in a word under it (the reason is its tooltip and in the CSV's ratio_verdict). */
const VERSUS_WORDS = {
  reference: 'the reference',
  different: 'a real difference',
  'within-noise': 'within the noise',
  inconclusive: 'inconclusive',
} as const;

/** A metric value with its unit, as every report writes it (runtime/format); a run without the value: a dash. */
export function formatValue(value: number | null, unit: string): string {
  return value === null ? '—' : formatNumber(value, unit);
}

const metricTitle = (m: WallMetricColumn) => `${m.name} (${m.aggregation})`;
const directionText = (m: WallMetricColumn) => (m.direction === 'lower' ? 'lower is better' : 'higher is better');

/** Stable ids for headings, from the spec id and the group's position. */
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'spec';

export function renderWall(wall: Wall): HTMLElement[] {
  return wall.specs.map(renderSpec);
}

function warningList(warnings: string[], label: string): HTMLElement | null {
  if (!warnings.length) return null;
  return h('ul', { class: 'bc-wall-warnings', 'aria-label': label }, ...warnings.map((w) => h('li', {}, w)));
}

function renderSpec(spec: WallSpec): HTMLElement {
  const id = `spec-${slug(spec.id)}`;
  const runs = spec.groups.reduce((n, g) => n + g.rows.length, 0);
  return h(
    'section',
    { 'aria-labelledby': id, class: 'bc-wall-spec' },
    h('h2', { id }, `${spec.title} `, h('code', {}, spec.id)),
    h(
      'p',
      { class: 'bc-muted' },
      `${runs} ${runs === 1 ? 'run' : 'runs'} in ${spec.groups.length} ${spec.groups.length === 1 ? 'table' : 'tables'}.`,
    ),
    warningList(spec.warnings, `Warnings for ${spec.id}`),
    ...spec.groups.map((g, i) => renderGroup(g, `${id}-${i + 1}`)),
  );
}

function renderGroup(g: WallGroup, id: string): HTMLElement {
  const heading = g.distinguishedBy.length ? g.distinguishedBy.join(' · ') : g.parameterText;
  const lead = g.metrics[0];
  const caption =
    `${g.specId}, ${g.parameterText}, seed ${g.seed}: ${g.rows.length} ${g.rows.length === 1 ? 'run' : 'runs'}` +
    (lead ? `, best first by ${metricTitle(lead)}, ${directionText(lead)}; INVALID runs last.` : '.');

  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, '#'),
    h('th', { scope: 'col' }, 'Machine'),
    ...g.metrics.map((m) =>
      h('th', { scope: 'col', title: directionText(m) }, metricTitle(m), h('br'), h('span', { class: 'bc-muted' }, `${m.unit}, ${directionText(m)}`)),
    ),
    h('th', { scope: 'col' }, 'Median per iteration', h('br'), h('span', { class: 'bc-muted' }, '95% CI, samples')),
    h('th', { scope: 'col' }, 'vs best', h('br'), h('span', { class: 'bc-muted' }, lead ? `on ${lead.name}` : '')),
    h('th', { scope: 'col' }, 'Validity'),
  );
  const body = g.rows.map((r) =>
    h(
      'tr',
      r.valid ? {} : { class: 'bc-row-invalid' },
      h('td', { class: 'bc-num' }, String(r.rank)),
      h(
        'th',
        { scope: 'row' },
        r.machine.label,
        h('span', { class: 'bc-file' }, r.file),
        r.reasons.length ? h('ul', { class: 'bc-reasons', 'aria-label': 'Why INVALID' }, ...r.reasons.map((reason) => h('li', {}, reason))) : null,
      ),
      ...r.values.map((v, i) => h('td', { class: 'bc-num' }, formatValue(v, g.metrics[i]!.unit))),
      h(
        'td',
        { class: 'bc-num' },
        formatMs(r.median),
        h('br'),
        h('span', { class: 'bc-muted' }, `[${formatMs(r.ci95[0])}, ${formatMs(r.ci95[1])}]`),
        h('br'),
        h('span', { class: 'bc-muted' }, `n=${r.samples}`),
      ),
      h(
        'td',
        { class: 'bc-num' },
        r.ratioToBest === null ? '—' : formatRatio(r.ratioToBest, 2, '×'),
        r.versusBest && r.versusBest.verdict !== 'reference' ? h('br') : null,
        r.versusBest && r.versusBest.verdict !== 'reference'
          ? h('span', { class: 'bc-muted', title: r.versusBest.why }, VERSUS_WORDS[r.versusBest.verdict])
          : null,
      ),
      h('td', {}, h('span', { class: `bc-badge ${r.valid ? 'bc-valid' : 'bc-invalid'}` }, r.valid ? 'VALID' : 'INVALID')),
    ),
  );
  const table = h('table', { id: `${id}-table` }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, ...body));

  return h(
    'section',
    { 'aria-labelledby': `${id}-title`, class: 'bc-wall-group' },
    h('h3', { id: `${id}-title` }, heading),
    warningList(g.warnings, `Warnings for ${heading}`),
    h('div', { class: 'bc-wall-scroll', tabindex: '0', role: 'region', 'aria-label': `Runs: ${heading}` }, table),
    renderDifferences(g, id, heading),
  );
}

function differenceTable(g: WallGroup, differences: WallGroup['differences'], label: string, caption: string): HTMLElement {
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Run'), ...differences.map((d) => h('th', { scope: 'col' }, h('code', {}, d.field))));
  const body = g.rows.map((r, i) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, `#${r.rank} `, h('span', { class: 'bc-file' }, r.file)),
      ...differences.map((d) => h('td', {}, d.values[i] ?? '')),
    ),
  );
  return h(
    'div',
    { class: 'bc-wall-scroll', tabindex: '0', role: 'region', 'aria-label': label },
    h('table', { class: 'bc-diff' }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, ...body)),
  );
}

function renderDifferences(g: WallGroup, id: string, heading: string): HTMLElement | null {
  if (g.rows.length < 2) return null;
  if (!g.differences.length) return h('p', { class: 'bc-muted' }, 'The recorded environments are the same for every run in this table.');
  const main = g.differences.filter((d) => d.key);
  const rest = g.differences.filter((d) => !d.key);
  const n = g.differences.length;
  const names = (ds: typeof rest) =>
    `${ds
      .slice(0, 4)
      .map((d) => d.field)
      .join(', ')}${ds.length > 4 ? '…' : ''}`;
  return h(
    'details',
    { open: '', id: `${id}-differences` },
    h('summary', {}, `Why the numbers may differ: ${n} environment ${n === 1 ? 'field differs' : 'fields differ'} between these runs`),
    main.length
      ? differenceTable(
          g,
          main,
          `Environment differences: ${heading}`,
          'One row per run, in the order of the table above: the main fields whose values differ.',
        )
      : h('p', { class: 'bc-muted' }, 'Host, CPU, browser, backend, adapter, threads and isolation are the same for every run.'),
    rest.length
      ? h(
          'details',
          {},
          h('summary', {}, `${rest.length} more ${rest.length === 1 ? 'field differs' : 'fields differ'} (${names(rest)})`),
          differenceTable(g, rest, `More environment differences: ${heading}`, 'The other fields whose values differ, in the same row order.'),
        )
      : null,
  );
}
