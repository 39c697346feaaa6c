import type { Root, Yaml } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visitParents } from 'unist-util-visit-parents';
import type { z } from 'zod';
import { BLOCK_NAMES, blockKind } from './blocks.ts';
import { checkCellsAndExercises, checkMinutes, checkSpecBlocks } from './episode-checks.ts';
import { episodeSchema, pageSchema } from './episode-schema.ts';
import { LEVEL_IDS, LEVEL_PAGES } from './levels.ts';
import { parseLesson } from './parse.ts';
import { sortDiagnostics, type FileDiagnostic } from '../diagnostics.ts';
import { locateYaml } from '../yaml/locate.ts';
import { normalizeRoute, routeOf } from './routes.ts';

export interface LessonFile {
  /** Path relative to the project root, with forward slashes: `lessons/foundations/x.mdx`. */
  path: string;
  source: string;
}

/** A problem in a lesson file: the workbook's one Diagnostic, with its path (runtime/diagnostics.ts). */
export type Diagnostic = FileDiagnostic;

export interface LintOptions {
  /** Routes served by pages outside `lessons/` (for example `/schedule/`), for link checks. */
  extraRoutes?: readonly string[];
  /** File names in src/author/ (what `@workbook/...` can import); when given, an import of anything else is an error. */
  authorComponents?: readonly string[];
  /**
   * The quality bar's countable parts on every episode (runtime/lessons/episode-checks.ts): a cell, two
   * exercises, and instructor notes that state the frontmatter's minutes. `workbook lint` turns it on;
   * off, a mismatch of stated minutes and example specs are still checked.
   */
  qualityBar?: boolean;
}

/** What the linter learned about an episode, for checks that span files. */
interface EpisodeInfo {
  path: string;
  level: string;
  order: number;
  prerequisites: string[];
  orderPos: Pos;
  prereqPos: Pos;
}
type Pos = { line: number; column: number };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lints a set of lesson files together (links and prerequisites are checked across files). */
export function lintLessons(files: readonly LessonFile[], options: LintOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const routes = new Set<string>([...files.map((f) => routeOf(f.path)), ...(options.extraRoutes ?? [])]);
  const episodes: EpisodeInfo[] = [];
  for (const file of files) {
    const report = (pos: Pos | undefined, message: string, severity: Diagnostic['severity'] = 'error') =>
      out.push({ path: file.path, line: pos?.line ?? 1, column: pos?.column ?? 1, severity, message });
    const info = lintOne(file, routes, report, options.authorComponents, options.qualityBar === true);
    if (info) episodes.push(info);
  }
  checkAcrossEpisodes(episodes, out);
  return sortDiagnostics(out);
}

type Report = (pos: Pos | undefined, message: string, severity?: Diagnostic['severity']) => void;

function lintOne(
  file: LessonFile,
  routes: Set<string>,
  report: Report,
  authorComponents: readonly string[] | undefined,
  qualityBar: boolean,
): EpisodeInfo | undefined {
  const parts = file.path
    .replace(/^lessons\//, '')
    .replace(/\.mdx?$/, '')
    .split('/');
  for (const part of parts) {
    if (!SLUG.test(part))
      report(undefined, `file or folder name "${part}" must be lowercase words joined by hyphens (it becomes the page's address)`);
  }
  const parsed = parseLesson(file.source);
  if ('error' in parsed) {
    report(parsed.error, parsed.error.message);
    return undefined;
  }
  const { tree } = parsed;
  const isEpisode = parts.length === 2 && !(LEVEL_PAGES as readonly string[]).includes(parts[1]!);
  if (parts.length === 2 && !(LEVEL_IDS as readonly string[]).includes(parts[0]!)) {
    report(undefined, `folder "${parts[0]}" is not a level; lessons live in ${LEVEL_IDS.map((l) => `lessons/${l}/`).join(', ')}`);
  }
  if (parts.length > 2) report(undefined, 'lessons are one folder deep: lessons/<level>/<episode>.mdx');

  const yamlNode = tree.children.find((n): n is Yaml => n.type === 'yaml');
  const data = checkFrontmatter(yamlNode, isEpisode, report);
  checkBody(tree, isEpisode, report);
  checkLinks(tree, routes, report);
  checkImports(tree, report, authorComponents);

  if (!isEpisode || !data) return undefined;
  checkSpecBlocks(tree, report);
  checkMinutes(tree, { teaching: data.value.teaching, exercises: data.value.exercises }, data.posOf(['teaching']), report, qualityBar);
  if (qualityBar) checkCellsAndExercises(tree, data.posOf(['title']), report);
  if (data.value.level !== parts[0]) {
    report(data.posOf(['level']), `level "${String(data.value.level)}" does not match the folder "${parts[0]}" this episode is in`);
  }
  return {
    path: file.path,
    level: parts[0]!,
    order: data.value.order as number,
    prerequisites: (data.value.prerequisites as string[]) ?? [],
    orderPos: data.posOf(['order']),
    prereqPos: data.posOf(['prerequisites']),
  };
}

/** Validates frontmatter with the schema, reporting each problem at the YAML line it concerns. */
function checkFrontmatter(node: Yaml | undefined, isEpisode: boolean, report: Report) {
  if (!node) {
    report(
      undefined,
      isEpisode
        ? 'missing frontmatter: an episode starts with --- and its title, level, order, teaching, exercises, questions, objectives, keypoints'
        : 'missing frontmatter: a page starts with --- and a title',
    );
    return undefined;
  }
  // The YAML text starts on the line after the opening `---`.
  const base = node.position!.start.line;
  const { value: raw, errors, posOf } = locateYaml(node.value, { lineOffset: base });
  if (errors.length) {
    for (const e of errors) report(e, `frontmatter is not valid YAML: ${e.message}`);
    return undefined;
  }
  const value = raw as Record<string, unknown> | null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report({ line: base, column: 1 }, 'frontmatter must be a set of `field: value` lines');
    return undefined;
  }
  const schema = isEpisode ? episodeSchema : pageSchema;
  const result = (schema as z.ZodType).safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as (string | number)[];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          report(posOf([key], true), `unknown frontmatter field "${key}"; an episode has ${Object.keys(episodeSchema.shape).join(', ')}`);
        continue;
      }
      const field = path.length ? path.join('.') : 'frontmatter';
      const missing = issue.code === 'invalid_type' && path.length > 0 && getIn(value, path) === undefined;
      report(posOf(path), missing ? `frontmatter field "${field}" is required` : `frontmatter field "${field}" ${issue.message}`);
    }
  }
  return { value, posOf };
}

function getIn(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value);
}

const posOfNode = (n: { position?: { start: Pos } }): Pos | undefined =>
  n.position && { line: n.position.start.line, column: n.position.start.column };

/** Block names, nesting, placement; no level-1 heading (the title is rendered from frontmatter). */
function checkBody(tree: Root, isEpisode: boolean, report: Report) {
  const topLevel = tree.children.filter((n) => n.type !== 'yaml' && n.type !== 'mdxjsEsm');
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'heading' && node.depth === 1 && isEpisode) {
      report(posOfNode(node), 'no level-1 heading (#) in an episode: the title comes from the frontmatter; use ## for sections');
    }
    if (node.type === 'paragraph') {
      const first = node.children[0];
      if (first?.type === 'text' && /^:{3,}/.test(first.value)) {
        report(
          posOfNode(node),
          `"${first.value.split('\n')[0]}" is not a block: write :::name on its own line (one of ${BLOCK_NAMES.join(', ')}), and close it with the same number of colons`,
        );
      }
    }
    if (node.type === 'leafDirective') {
      report(posOfNode(node), `"::${node.name}" is not a block: blocks open with three or more colons (:::${node.name})`);
    }
    if (node.type !== 'containerDirective') return;
    const directive = node as ContainerDirective;
    const kind = blockKind(directive.name);
    if (!kind) {
      report(posOfNode(directive), `unknown block "${directive.name}"; known blocks are ${BLOCK_NAMES.join(', ')}`);
      return;
    }
    const parentBlocks = ancestors.filter((a): a is ContainerDirective => a.type === 'containerDirective').map((a) => a.name);
    if (kind.parents && !kind.parents.includes(parentBlocks.at(-1) ?? '')) {
      report(
        posOfNode(directive),
        `a ${directive.name} block must be inside a ${kind.parents.join(' or ')} block (give the outer block more colons: ::::${kind.parents[0]} ... :::${directive.name} ... ::: ... ::::)`,
      );
    }
    if (kind.last && (ancestors.length !== 1 || topLevel.at(-1) !== directive)) {
      report(posOfNode(directive), `the ${directive.name} block must be the last thing in the episode`);
    }
    if (directive.name === 'prereq') {
      const firstHeading = topLevel.findIndex((n) => n.type === 'heading');
      if (ancestors.length !== 1 || (firstHeading !== -1 && topLevel.indexOf(directive as (typeof topLevel)[number]) > firstHeading)) {
        report(posOfNode(directive), 'a prereq block belongs at the top of the episode, before the first heading');
      }
    }
  });
}

/** The alias lessons import author-facing components through (tsconfig.json `paths`: src/author/). */
export const AUTHOR_ALIAS = '@workbook/';

/**
 * Lessons import components through the alias, never by a relative path into src/ (which breaks when a
 * lesson or a component moves), and only components that exist in src/author/.
 */
function checkImports(tree: Root, report: Report, authorComponents?: readonly string[]) {
  for (const node of tree.children) {
    if (node.type !== 'mdxjsEsm') continue;
    const lines = node.value.split('\n');
    lines.forEach((line, i) => {
      const source = /\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/.exec(line);
      const from = source?.[1] ?? source?.[2];
      if (!from) return;
      const pos = node.position ? { line: node.position.start.line + i, column: 1 } : undefined;
      if (from.startsWith('.') || from.startsWith('/')) {
        const name = from.split('/').at(-1);
        report(
          pos,
          `import "${from}" by a relative path: import author components through the alias, e.g. import X from '${AUTHOR_ALIAS}${name}' (src/author/)`,
        );
      } else if (from.startsWith(AUTHOR_ALIAS) && authorComponents && !authorComponents.includes(from.slice(AUTHOR_ALIAS.length))) {
        report(pos, `"${from}" is not an author component; src/author/ has ${authorComponents.join(', ')}`);
      }
    });
  }
}

/** Internal links (absolute site paths) must point at a page that exists. */
function checkLinks(tree: Root, routes: Set<string>, report: Report) {
  visitParents(tree, (node) => {
    const url = node.type === 'link' || node.type === 'definition' ? node.url : undefined;
    if (!url?.startsWith('/') || url.startsWith('//')) return;
    const route = normalizeRoute(url);
    if (/\.[a-z0-9]+$/i.test(route)) return; // a file (image, download), not a page
    if (!routes.has(route)) report(posOfNode(node), `link to "${url}" does not resolve to a page of the workbook`);
  });
}

function checkAcrossEpisodes(episodes: EpisodeInfo[], out: Diagnostic[]) {
  const byKey = new Map<string, EpisodeInfo>();
  const slugs = new Set(episodes.map((e) => e.path.replace(/^lessons\//, '').replace(/\.mdx?$/, '')));
  for (const e of episodes) {
    const key = `${e.level}#${e.order}`;
    const twin = byKey.get(key);
    if (twin)
      out.push({
        path: e.path,
        ...e.orderPos,
        severity: 'error',
        message: `order ${e.order} is already used by ${twin.path}; each episode of a level needs its own order`,
      });
    else byKey.set(key, e);
    for (const p of e.prerequisites) {
      if (!slugs.has(p))
        out.push({
          path: e.path,
          ...e.prereqPos,
          severity: 'error',
          message: `prerequisite "${p}" is not an episode (expected level/episode, e.g. foundations/measuring-time)`,
        });
    }
  }
}
