import { qualityKind } from './definition.ts';

/** Expected calibration error, 15 confidence bins (runtime/eval). */
export const ece = qualityKind('ece', 'lower', 'expected calibration error, 15 confidence bins');
