// test: stops the clock when the work has finished
// checks: The clock is never read while a call is still running.
// eslint-disable-next-line no-unused-vars
async function test(learner, h, assert) {
  const { stats } = await h.run(learner);
  assert(
    stats.readsWithPending === 0,
    `${stats.readsWithPending} of the ${stats.reads} clock readings happened while calls were still running. work() returns a promise that resolves when the call has finished: wait for it (await) before you stop the clock, or you time only the submission.`,
  );
}
