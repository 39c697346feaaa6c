import type { Perturbation } from '../spec/task.ts';

/**
 * The strengths each perturbation takes, in its own unit (plain data: the spec's rules read it without
 * loading the perturbation code). Beyond the maximum a perturbation stops meaning more of the same:
 * a 15-pixel shift moves a 28-pixel digit off the image, a rotation past 180 degrees comes round again.
 */
export const PERTURBATION_RANGES: Record<Perturbation['kind'], { max: number; unit: string }> = {
  'gaussian-noise': { max: 1, unit: 'sigma, as a fraction of the pixel range 0..1' },
  shift: { max: 14, unit: 'pixels' },
  rotation: { max: 180, unit: 'degrees' },
  occlusion: { max: 1, unit: 'side of the square patch, as a fraction of the image side' },
};
