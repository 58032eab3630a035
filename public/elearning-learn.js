// Optional time-on-task heartbeat of the lesson player: while the page is visible, one POST a minute to the
// enrolment's heartbeat URL (own enrolment, CSRF token from the page). The server credits at most the time
// that passed since the last request, so extra posts add nothing. Without this file the time between page
// requests counts instead.
(() => {
  const player = document.querySelector('[data-heartbeat]');
  if (!(player instanceof HTMLElement)) return;
  const url = player.dataset.heartbeat;
  const csrf = player.dataset.csrf;
  if (!url || !csrf) return;
  let stopped = false;
  const beat = () => {
    if (stopped || document.visibilityState !== 'visible') return;
    const body = new URLSearchParams({ _csrf: csrf });
    fetch(url, { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then((res) => {
        // Signed out, gone or refused: stop quietly.
        if (!res.ok) stopped = true;
      })
      .catch(() => {});
  };
  setInterval(beat, 60_000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') beat();
  });
})();
