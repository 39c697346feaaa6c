// test: measures the time of one call
// checks: Every sample is within 3% of the true time of one warm call (awaited alone, or submitted with others), in the unit the comment asks for.
// eslint-disable-next-line no-unused-vars
async function test(learner, h, assert) {
  const { result, stats } = await h.run(learner);
  const samples = h.samplesOf(result);
  const hot = h.hot;
  const tick = h.options.resolutionMs * h.perMs;
  // Calls awaited one by one take the work and its submission; calls submitted together (Promise.all)
  // overlap each submission with the work before it, so the work alone: both are the time of one call,
  // and the work alone counts only where the calls did overlap.
  const low = stats.overlapped ? h.pipelined : hot;
  const off = (s) => s < 0.97 * low || s > 1.03 * hot;
  const bad = samples.map((s, i) => [i, s]).filter(([, s]) => off(s));
  if (bad.length) {
    const [i, s] = bad[0];
    let why = '';
    const near = (x) => Math.abs(x - hot) < 0.05 * hot;
    if (near(s * 1000) || near(s / 1000)) why = ` That is a factor of 1000 away: the comment asks for ${h.unit}, and the clock reads milliseconds.`;
    else if (result.batch > 1 && near(s / result.batch)) why = ' Divide each sample by its number of calls: a sample is the time of one call.';
    else if ((result.batch === 1 || s < 10 * tick) && Math.abs(s / tick - Math.round(s / tick)) < 1e-6)
      why = ' It is a whole number of clock ticks: one call is too short for this clock, so time many calls together.';
    else if (i === 0 && bad.length === 1 && stats.firstRead < h.options.warmup)
      why = ' Only the first sample is off: it includes the slow first calls. Warm up first.';
    else if (s < hot && stats.readsWithPending > 0)
      why = ' It is shorter than a call really takes: is the clock stopped before the calls have finished?';
    assert(
      false,
      `Sample ${i} is ${h.fmt(s)} ${h.unit} per call, but one warm call takes about ${h.fmt(hot)} ${h.unit} (${bad.length} of ${samples.length} samples are more than 3% off).${why}`,
    );
  }
}
