/**
 * Adds a stylesheet to the page once and resolves when it has loaded. The cells' styles come as
 * `?url` imports and load this way on first use: a CSS import inside a lazily loaded script would be
 * moved into every lesson page by Astro's build, and the page would pay for it before any cell runs.
 */
export function loadStylesheet(href: string): Promise<void> {
  const existing = document.querySelector<HTMLLinkElement>(`link[data-bc-style="${href}"]`);
  if (existing) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset.bcStyle = href;
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`the stylesheet ${href} could not be loaded`));
    document.head.append(link);
  });
}
