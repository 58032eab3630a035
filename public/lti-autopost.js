// LTI launch: submit the form that carries the id_token to the tool (or re-sends a cross-site request
// from this site). Without JavaScript the user presses the visible button instead.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-lti-autopost]');
  if (form instanceof HTMLFormElement) form.submit();
});
