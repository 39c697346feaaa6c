import { createRoot } from 'react-dom/client';
import type { ResultsStore } from '../store.ts';
import { CellResults } from './CellResults.tsx';
import { loadStylesheet } from '../stylesheet.ts';
import resultsCss from './results.css?url';

/** Renders a cell's results view (runs, report, plots, comparison, files) into `container`. */
export async function mountResults(container: HTMLElement, controller: ResultsStore): Promise<void> {
  await loadStylesheet(resultsCss);
  createRoot(container).render(<CellResults controller={controller} />);
}
