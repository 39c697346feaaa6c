// test: batches calls so that one sample lasts 1000 ticks
// checks: The batch is found on this machine: a sample lasts at least 1000 x options.resolutionMs, and not many times more (the same code on a machine with calls 5x longer or shorter must find its own batch).
// eslint-disable-next-line no-unused-vars
async function test(learner, h, assert) {
  const need = 1000 * h.options.resolutionMs;
  for (const [label, world, run] of [
    ['this machine', h.world, h.run],
    [`a machine whose calls take ${h.fmt(h.other.hotMs)} ms`, h.other, h.runOther],
  ]) {
    const { result, stats } = await run(learner);
    const samples = h.samplesOf(result);
    const batch = result.batch;
    assert(
      Number.isInteger(batch) && batch >= 1,
      `${h.name} must also return batch, the number of calls in one sample; it returned ${String(batch)}.`,
    );
    assert(samples.length > 0, `On ${label}, ${h.name} returned no samples: time them on every machine it is given.`);
    assert(
      stats.calls >= samples.length * batch,
      `${h.name} says batch is ${batch}, but it made only ${stats.calls} calls for ${samples.length} samples.`,
    );
    const lasts = batch * (world.hotMs + world.submitMs);
    assert(
      lasts >= 0.99 * need,
      'On ' +
        label +
        ', a sample of ' +
        batch +
        ' call(s) lasts about ' +
        h.fmt(lasts) +
        ' ms, but the clock ticks every ' +
        h.options.resolutionMs +
        ' ms: a sample must last at least 1000 ticks (' +
        h.fmt(need) +
        ' ms), or the tick is a large part of what you measure. Grow the batch until it does.' +
        (stats.firstRead < h.options.warmup
          ? ' (A batch size worked out while the first, slow calls were running comes out too small: warm up first.)'
          : ''),
    );
    assert(
      lasts <= 4 * need,
      `On ${label}, a sample of ${batch} calls lasts about ${h.fmt(lasts)} ms, many times the ${h.fmt(need)} ms it needs: is the batch size fixed in the code? Find it by timing on the machine at hand (double it until a sample lasts 1000 ticks); a number that fits one machine is wrong on the next.`,
    );
  }
}
