/**
 * The Carpentries blocks an author may write in an episode, as container directives
 * (`:::challenge` ... `:::`). `parents` lists where a block may stand; absent means anywhere.
 */
export interface BlockKind {
  /** Title used when the author gives none. */
  title: string;
  /** Blocks that must contain this one (a solution belongs to a challenge). */
  parents?: readonly string[];
  /** Rendered collapsed, opened by the learner (or by the instructor view). */
  collapsible?: boolean;
  /** Shown only in the instructor view. */
  instructorOnly?: boolean;
  /** Must be the last top-level block of the episode. */
  last?: boolean;
  /** ARIA role of the rendered block. */
  role: 'note' | 'region' | 'complementary';
}

export const BLOCKS = {
  challenge: { title: 'Challenge', role: 'region' },
  solution: { title: 'Solution', parents: ['challenge'], collapsible: true, role: 'region' },
  hint: { title: 'Hint', parents: ['challenge'], collapsible: true, role: 'region' },
  callout: { title: 'Callout', role: 'note' },
  caution: { title: 'Caution', role: 'note' },
  discussion: { title: 'Discussion', role: 'region' },
  instructor: { title: 'Instructor note', instructorOnly: true, role: 'complementary' },
  prereq: { title: 'Prerequisites', role: 'note' },
  checklist: { title: 'Checklist', role: 'note' },
  keypoints: { title: 'Key points', last: true, role: 'note' },
} as const satisfies Record<string, BlockKind>;

export type BlockName = keyof typeof BLOCKS;
export const BLOCK_NAMES = Object.keys(BLOCKS) as BlockName[];

export function blockKind(name: string): BlockKind | undefined {
  return Object.hasOwn(BLOCKS, name) ? (BLOCKS as Record<string, BlockKind>)[name] : undefined;
}
