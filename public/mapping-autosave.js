// Progressive enhancement of a mapping's section page (every page works without this file):
// - code inputs (occupation, competence) become the reference domain's comboboxes (public/combobox.js);
// - the form is saved in the background (debounced on input/change, and when the page is hidden or left,
//   with fetch keepalive / sendBeacon), baseRevision is kept up to date, and a polite status says
//   "Saved 14:02", "Not saved – connection lost, will retry" or that someone else changed the section;
// - unsaved input is kept in localStorage and restored after a crash, a closed browser or a lost connection.
(() => {
  const form = document.querySelector('form[data-autosave]');
  if (!(form instanceof HTMLFormElement)) return;
  const url = form.dataset.autosave;
  const draftKey = form.dataset.draftKey;
  const statusEl = form.querySelector('.kn-autosave');
  const DEBOUNCE_MS = 1200;
  const RETRY_MS = 5000;

  // ---------------------------------------------------------------- comboboxes
  let pickers = 0;
  for (const input of form.querySelectorAll('input[data-mapping-picker]')) {
    const hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = input.name;
    hidden.value = input.value;
    input.name = `${hidden.name}:text`;
    if (input.dataset.label) input.value = input.dataset.label;
    input.dataset.combobox = input.dataset.mappingPicker;
    input.dataset.comboboxTarget = hidden.name;
    input.insertAdjacentElement('beforebegin', hidden);
    pickers++;
  }
  if (pickers > 0) {
    // combobox.js (loaded in the head) has already looked for comboboxes; run it again for these.
    const script = document.createElement('script');
    script.src = '/assets/combobox.js';
    document.body.append(script);
  }

  // ---------------------------------------------------------------- state
  const baseInput = () => form.querySelector('input[name="baseRevision"]');
  const setStatus = (text) => {
    if (statusEl) statusEl.textContent = text;
  };
  const message = (name, time) => (form.dataset[name] || '').replace('{time}', time || '');
  const entries = () =>
    [...new FormData(form).entries()]
      .filter(([k, v]) => k !== '_csrf' && k !== 'baseRevision' && typeof v === 'string')
      .map(([k, v]) => [k, String(v)]);
  const serial = () => JSON.stringify(entries());
  let lastSaved = serial();
  let timer = 0;
  let retry = 0;
  let inflight = false;
  let again = false;
  let stopped = false;

  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }
  function keepDraft() {
    const s = storage();
    if (!s || !draftKey) return;
    try {
      s.setItem(draftKey, JSON.stringify({ entries: entries(), base: baseInput()?.value, at: Date.now() }));
    } catch {
      // Storage full or refused: the background save still runs.
    }
  }
  function dropDraft() {
    storage()?.removeItem(draftKey);
  }

  function restore(draft) {
    const byName = new Map();
    for (const [k, v] of draft.entries) byName.set(k, [...(byName.get(k) || []), v]);
    const used = new Map();
    for (const el of form.elements) {
      if (!el.name || el.name === '_csrf' || el.name === 'baseRevision' || el.type === 'submit') continue;
      const values = byName.get(el.name) || [];
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = values.includes(el.value);
      else if (byName.has(el.name)) {
        const i = used.get(el.name) || 0;
        used.set(el.name, i + 1);
        if (values[i] !== undefined) el.value = values[i];
      }
    }
    const base = baseInput();
    if (base && draft.base !== undefined) base.value = draft.base;
  }

  // ---------------------------------------------------------------- saving
  async function save(keepalive) {
    if (stopped) return;
    clearTimeout(timer);
    timer = 0;
    if (inflight) {
      again = true;
      return;
    }
    const now = serial();
    if (now === lastSaved) return;
    inflight = true;
    again = false;
    const body = new URLSearchParams(new FormData(form));
    setStatus(message('msgSaving'));
    try {
      const res = await fetch(url, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        keepalive: keepalive === true && body.toString().length < 60000,
      });
      const data = await res.json();
      if (res.ok && data.status === 'saved') {
        const base = baseInput();
        if (base) base.value = String(data.revision);
        lastSaved = now;
        if (serial() === now) dropDraft();
        const d = new Date();
        const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
        setStatus(message('msgSaved', hhmm));
        form.dataset.savedRevision = String(data.revision);
      } else if (data.status === 'conflict') {
        stopped = true;
        setStatus(message('msgConflict'));
      } else {
        stopped = true;
        setStatus(data.message || message('msgOffline'));
      }
    } catch {
      setStatus(message('msgOffline'));
      clearTimeout(retry);
      retry = setTimeout(() => save(false), RETRY_MS);
    } finally {
      inflight = false;
      if (again) schedule();
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => save(false), DEBOUNCE_MS);
  }

  function changed() {
    keepDraft();
    schedule();
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', () => {
    // The normal save takes over; the draft stays until a page shows the same answers.
    clearTimeout(timer);
    stopped = true;
    keepDraft();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && serial() !== lastSaved) save(true);
  });
  window.addEventListener('pagehide', () => {
    if (stopped || serial() === lastSaved) return;
    const body = new URLSearchParams(new FormData(form));
    if (!navigator.sendBeacon?.(url, body)) save(true);
  });
  window.addEventListener('online', () => {
    if (!stopped && serial() !== lastSaved) save(false);
  });

  // ---------------------------------------------------------------- a draft left from last time
  const s = storage();
  let draft = null;
  try {
    draft = s && draftKey ? JSON.parse(s.getItem(draftKey) || 'null') : null;
  } catch {
    draft = null;
  }
  if (draft && Array.isArray(draft.entries)) {
    if (JSON.stringify(draft.entries) === lastSaved) dropDraft();
    else {
      restore(draft);
      setStatus(message('msgRestored'));
      save(false);
    }
  }
})();
