// test: times each sample on its own
// checks: Every sample is the time of its own batch of calls, read from the clock before and after it: no sample is copied or made up.
// eslint-disable-next-line no-unused-vars
async function test(learner, h, assert) {
  const { result, stats } = await h.run(learner);
  const samples = h.samplesOf(result);
  const batch = result.batch;
  // Each sample, times its batch, must be the difference of two clock readings, in order, never reused
  // (within 1e-4: a sample rounded to 6 digits still is; two readings are a whole tick, 1e-3 of a sample, apart).
  const t = stats.readTimes;
  let from = 0;
  for (let i = 0; i < samples.length; i++) {
    let found = -1;
    for (const perMs of [h.perMs, 1000 / h.perMs, 1]) {
      const want = (samples[i] * batch) / perMs;
      for (let j = from; j < t.length && found < 0; j++) {
        for (let k = j + 1; k < t.length; k++) {
          const d = t[k] - t[j];
          if (Math.abs(d - want) <= 1e-4 * Math.max(want, 1e-9)) {
            found = k;
            break;
          }
          if (d > want * 1.5) break;
        }
      }
      if (found >= 0) break;
    }
    if (found < 0 && samples.length > 1 && samples.every((s) => s === samples[0])) {
      assert(
        false,
        `All ${samples.length} samples are exactly ${h.fmt(samples[0])} ${h.unit}, and they are not the times between readings of the clock: one time copied into every sample says nothing of the spread. Time each sample on its own, from its own clock readings.`,
      );
    }
    assert(
      found >= 0,
      `Sample ${i} (${h.fmt(samples[i])} ${h.unit} per call, x ${batch} calls) is not the time between two readings of the clock after the ones before it: each sample must be timed on its own, not copied from another, computed or rounded.`,
    );
    from = found;
  }
}
