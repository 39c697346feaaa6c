// The lab page's controller: spec and target pickers, parameter inputs, Run/Stop, download.
// All measurement logic is the engine's (runtime/), run in the cells' benchmark worker
// (src/cell/client.ts) so the page stays responsive; this file only wires the page to it.
import type { ResultRecord } from '../../runtime/results/record.ts';
import type { RunHandle } from '../cell/client.ts';
import { isPageTarget } from '../cell/targets.ts';

const specTexts = import.meta.glob('../../lessons/specs/*.bench.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export async function setUpLab() {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const form = $<HTMLFormElement>('lab');
  const specSelect = $<HTMLSelectElement>('lab-spec');
  const targetSelect = $<HTMLSelectElement>('lab-target');
  const paramsBox = $<HTMLFieldSetElement>('lab-params');
  const runButton = $<HTMLButtonElement>('lab-run');
  const stopButton = $<HTMLButtonElement>('lab-stop');
  const download = $<HTMLAnchorElement>('lab-download');
  const status = $<HTMLParagraphElement>('lab-status');
  const output = $<HTMLPreElement>('lab-output');

  const [{ loadSpec }, { formatResultTable }] = await Promise.all([import('../../runtime/spec/index.ts'), import('../../runtime/results/format.ts')]);
  const specs = Object.entries(specTexts)
    .map(([path, text]) => ({ path, text, spec: loadSpec(text, path).spec }))
    .filter((s): s is typeof s & { spec: NonNullable<typeof s.spec> } => !!s.spec)
    .sort((a, b) => a.spec.id.localeCompare(b.spec.id));
  for (const s of specs) specSelect.add(new Option(`${s.spec.title} (${s.spec.id})`, s.spec.id));
  const wanted = new URLSearchParams(location.search).get('spec');
  if (wanted && specs.some((s) => s.spec.id === wanted)) specSelect.value = wanted;

  const current = () => specs.find((s) => s.spec.id === specSelect.value)!;
  const showSpec = () => {
    const { spec } = current();
    targetSelect.replaceChildren(...spec.infrastructure.targets.filter(isPageTarget).map((t) => new Option(t, t)));
    const wantedTarget = new URLSearchParams(location.search).get('target');
    if (wantedTarget && [...targetSelect.options].some((o) => o.value === wantedTarget)) targetSelect.value = wantedTarget;
    paramsBox.replaceChildren(Object.assign(document.createElement('legend'), { textContent: 'Parameters' }));
    for (const [name, p] of Object.entries(spec.parameters ?? {})) {
      const label = document.createElement('label');
      label.textContent = `${name} `;
      let input: HTMLInputElement | HTMLSelectElement;
      if (p.type === 'choice') {
        input = document.createElement('select');
        for (const v of p.values) input.add(new Option(String(v), String(v)));
      } else {
        input = document.createElement('input');
        input.type = p.type === 'boolean' ? 'checkbox' : 'number';
        if ('min' in p && p.min !== undefined) input.min = String(p.min);
        if ('max' in p && p.max !== undefined) input.max = String(p.max);
      }
      input.name = `param:${name}`;
      const fromUrl = new URLSearchParams(location.search).get(name);
      input.value = fromUrl ?? String(p.default);
      input.title = p.description ?? name;
      label.append(input);
      paramsBox.append(label);
    }
    status.textContent = 'Ready.';
  };
  specSelect.addEventListener('change', showSpec);
  showSpec();

  let run: RunHandle | null = null;
  stopButton.addEventListener('click', () => run?.stop());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { text } = current();
    const overrides: Record<string, string> = {};
    for (const el of paramsBox.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name^="param:"]')) overrides[el.name.slice(6)] = el.value;
    runButton.disabled = true;
    stopButton.disabled = false;
    download.hidden = true;
    output.textContent = '';
    status.textContent = 'Loading the engine…';
    const log = (line: string) => {
      output.textContent += `${line}\n`;
    };
    try {
      const { engineClient } = await import('../cell/client.ts');
      status.textContent = 'Running…';
      run = engineClient().run(
        { specText: text, target: targetSelect.value as ResultRecord['target'], overrides },
        {
          onLog: log,
          onProgress: (p) => {
            status.textContent = `${p.phase}: ${p.samples} sample(s), ${(p.elapsedMs / 1000).toFixed(1)} s`;
          },
        },
      );
      const record: ResultRecord = await run.result;
      output.textContent += `\n${formatResultTable(record)}`;
      download.href = URL.createObjectURL(new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }));
      download.download = `${record.spec.id}-${record.target}-${record.startedAt.replace(/[:.]/g, '-')}.json`;
      download.hidden = false;
      status.textContent = record.validity.valid ? 'Done: VALID.' : `Done: INVALID (${record.validity.reasons.join('; ')}).`;
      (window as unknown as { __lastResult?: ResultRecord }).__lastResult = record;
    } catch (e) {
      status.textContent = `Failed: ${(e as Error).message}`;
      log(`error: ${(e as Error).message}`);
    } finally {
      runButton.disabled = false;
      stopButton.disabled = true;
      run = null;
    }
  });
}
