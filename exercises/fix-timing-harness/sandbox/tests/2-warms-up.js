// test: warms up before timing
// checks: options.warmup calls have finished before the clock is read for the first time.
// eslint-disable-next-line no-unused-vars
async function test(learner, h, assert) {
  const { stats } = await h.run(learner);
  const w = h.options.warmup;
  assert(
    stats.firstRead >= 0,
    'The clock you were given was never read: time with clock.now(), the clock of the machine under test (another clock, or none, times nothing the tests can check).',
  );
  assert(
    stats.firstRead >= w,
    stats.firstRead === 0
      ? `The clock was read before any call had finished. Run options.warmup (${w}) calls, and wait for them, before timing anything: the first calls pay for compilation and cold caches.`
      : `Only ${stats.firstRead} call(s) had finished when the clock was first read; options.warmup asks for ${w} finished warm-up calls before timing.`,
  );
}
