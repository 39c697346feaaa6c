import { qualityKind } from './definition.ts';

/** Best slice accuracy minus the worst (runtime/eval). */
export const groupGap = qualityKind('group-gap', 'lower', 'best slice accuracy minus the worst');
