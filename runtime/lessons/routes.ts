/** Where a lesson file is served: `lessons/foundations/measuring-time.mdx` -> `/foundations/measuring-time/`. */
export function routeOf(relPath: string): string {
  const inner = relPath
    .replace(/\\/g, '/')
    .replace(/^lessons\//, '')
    .replace(/\.mdx?$/, '');
  const parts = inner.split('/');
  if (parts.at(-1) === 'index') parts.pop();
  return parts.length ? `/${parts.join('/')}/` : '/';
}

/** Normalizes a link target to the route form used by `routeOf` (no query, no hash, trailing slash). */
export function normalizeRoute(url: string): string {
  let path = url.split('#')[0]!.split('?')[0]!;
  if (!path.startsWith('/')) return path;
  if (!path.endsWith('/') && !/\.[a-z0-9]+$/i.test(path)) path += '/';
  return path;
}
