export { energyPerQuery, idleWatts, integrateJoules, type EnergyPerQuery, type PowerSamples } from './integrate.ts';
export { generatePowerTrace, LAYERS, LAYER_WHAT, type GeneratedTrace, type Layer, type TraceOptions } from './trace.ts';
