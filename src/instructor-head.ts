/**
 * Runs in <head> before the page paints, so instructor notes never flash in or out.
 * The view is on when the URL says `?instructor=1` (a link an instructor can share), else when the
 * learner last switched it on (localStorage). `?instructor=0` switches it off.
 */
export const instructorHeadScript = `(() => {
  try {
    const q = new URLSearchParams(location.search).get('instructor');
    if (q !== null) localStorage.setItem('bc:instructor', q === '1' || q === 'on' || q === 'true' ? 'on' : 'off');
    if (localStorage.getItem('bc:instructor') === 'on') document.documentElement.dataset.instructor = 'on';
  } catch { /* storage blocked: the view stays off */ }
})();`;
