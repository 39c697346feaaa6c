// test: returns the samples asked for
// checks: It returns { samples, batch } with exactly options.samples samples.
// eslint-disable-next-line no-unused-vars
async function test(learner, h, assert) {
  const { result } = await h.run(learner);
  const samples = h.samplesOf(result);
  assert(
    samples.length === h.options.samples,
    `${h.name} returned ${samples.length} samples, but options.samples asks for ${h.options.samples}. One number, or a handful, says nothing about the spread.`,
  );
}
