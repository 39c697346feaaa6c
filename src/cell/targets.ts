// The cell's view of the table of targets (runtime/targets/): names, which targets a page runs, and
// which of them need WebGPU or an isolated page. The element loads this with the page: keep it small.
import { TARGET_TABLE, runsOn, targetInfo, targetLabel, type Target } from '../../runtime/targets/index.ts';

export { targetInfo, targetLabel };

/** How the cell names each target, and what it means, in the picker and the results. */
export const TARGET_LABELS: Partial<Record<Target, { name: string; what: string }>> = Object.fromEntries(
  TARGET_TABLE.map((t) => [t.id, { name: t.label, what: t.description }]),
);

/** The targets a page can run: the browser ones and plain JavaScript. */
export const isPageTarget = (t: Target): boolean => runsOn(t, 'browser');

const pageTargets = TARGET_TABLE.filter((t) => t.hosts.includes('browser'));

/** The page targets that need a WebGPU adapter. */
export const PAGE_WEBGPU_TARGETS: readonly Target[] = pageTargets.filter((t) => t.webgpu).map((t) => t.id);

/** The page targets that need a cross-origin isolated page (wasm threads). */
export const PAGE_ISOLATED_TARGETS: readonly Target[] = pageTargets.filter((t) => t.needsIsolation).map((t) => t.id);

/** The targets that run natively, through the local agent (`workbook agent`): the ones no page runs. */
export const isNativeTarget = (t: Target): boolean => !runsOn(t, 'browser') && runsOn(t, 'node');
