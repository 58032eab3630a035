// Progressive enhancement: an editable combobox with a listbox popup (WAI-ARIA 1.2 combobox pattern) on
// inputs with data-combobox="occupations" or "competences". The chosen code goes into the hidden input named
// by data-combobox-target; the input shows its label. Every page works without this file.
(() => {
  const ENDPOINTS = {
    occupations: '/reference/suggest/occupations',
    competences: '/reference/suggest/competences',
  };
  const DEBOUNCE_MS = 150;
  const TEXT = {
    sv: {
      count: (n) =>
        n === 1
          ? '1 förslag. Välj med pil upp, pil ned och Enter.'
          : `${n} förslag. Välj med pil upp, pil ned och Enter.`,
      none: 'Inga förslag.',
      chosen: (label) => `Valt: ${label}`,
      failed: 'Förslagen kunde inte hämtas.',
    },
    en: {
      count: (n) =>
        n === 1
          ? '1 suggestion. Use up and down arrows and Enter to choose.'
          : `${n} suggestions. Use up and down arrows and Enter to choose.`,
      none: 'No suggestions.',
      chosen: (label) => `Chosen: ${label}`,
      failed: 'The suggestions could not be loaded.',
    },
  };
  const text = TEXT[document.documentElement.lang] || TEXT.sv;

  function hiddenTarget(input, name) {
    if (!name) return null;
    const scope = input.form || input.closest('[data-combobox-demo]') || document;
    for (const el of scope.querySelectorAll('input[type="hidden"]')) {
      if (el.name === name) return el;
    }
    return null;
  }

  function enhance(input, index) {
    const endpoint = ENDPOINTS[input.dataset.combobox];
    if (!endpoint) return;
    const target = hiddenTarget(input, input.dataset.comboboxTarget);
    if (!input.id) input.id = `kn-combobox-${index}`;
    const label = input.labels?.[0];

    const listbox = document.createElement('ul');
    listbox.id = `${input.id}-listbox`;
    listbox.className = 'kn-combobox__listbox';
    listbox.setAttribute('role', 'listbox');
    if (label) {
      if (!label.id) label.id = `${input.id}-label`;
      listbox.setAttribute('aria-labelledby', label.id);
    }
    listbox.hidden = true;

    const live = document.createElement('div');
    live.className = 'ds-sr-only';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');

    input.insertAdjacentElement('afterend', listbox);
    listbox.insertAdjacentElement('afterend', live);
    input.parentElement.classList.add('kn-combobox');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listbox.id);
    input.setAttribute('autocomplete', 'off');

    let items = [];
    let active = -1;
    let timer = 0;
    let seq = 0;

    function announce(message) {
      live.textContent = message;
    }

    function open() {
      if (items.length === 0) return;
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }

    function setActive(i) {
      const options = listbox.children;
      if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
      active = i;
      if (active >= 0 && options[active]) {
        options[active].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[active].id);
        options[active].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function choose(i) {
      const item = items[i];
      if (!item) return;
      input.value = item.label;
      if (target) {
        target.value = item.value;
        target.dispatchEvent(new Event('change', { bubbles: true }));
      }
      close();
      announce(text.chosen(item.label));
    }

    function render(list) {
      items = list;
      active = -1;
      input.removeAttribute('aria-activedescendant');
      listbox.replaceChildren(
        ...list.map((item, i) => {
          const option = document.createElement('li');
          option.id = `${listbox.id}-${i}`;
          option.className = 'kn-combobox__option';
          option.setAttribute('role', 'option');
          option.setAttribute('aria-selected', 'false');
          const main = document.createElement('span');
          main.textContent = item.label;
          option.append(main);
          if (item.detail) {
            const detail = document.createElement('span');
            detail.className = 'kn-combobox__detail';
            detail.textContent = item.detail;
            option.append(' ', detail);
          }
          // mousedown would blur the input and close the list before the click lands.
          option.addEventListener('mousedown', (e) => e.preventDefault());
          option.addEventListener('click', () => choose(i));
          return option;
        }),
      );
      if (list.length > 0) {
        open();
        announce(text.count(list.length));
      } else {
        close();
        announce(text.none);
      }
    }

    async function load(q) {
      const mine = ++seq;
      try {
        const res = await fetch(`${endpoint}?q=${encodeURIComponent(q)}`, {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
        const type = res.headers.get('content-type') || '';
        if (!res.ok || !type.includes('application/json')) throw new Error(String(res.status));
        const data = await res.json();
        if (mine !== seq) return;
        render(Array.isArray(data) ? data.slice(0, 10) : []);
      } catch {
        if (mine !== seq) return;
        render([]);
        announce(text.failed);
      }
    }

    input.addEventListener('input', () => {
      if (target) target.value = '';
      clearTimeout(timer);
      const q = input.value.trim();
      if (q === '') {
        seq++;
        items = [];
        listbox.replaceChildren();
        close();
        return;
      }
      timer = setTimeout(() => load(q), DEBOUNCE_MS);
    });

    input.addEventListener('keydown', (e) => {
      const expanded = !listbox.hidden;
      switch (e.key) {
        case 'ArrowDown':
          if (items.length === 0) return;
          e.preventDefault();
          if (!expanded) open();
          setActive(active + 1 >= items.length ? 0 : active + 1);
          break;
        case 'ArrowUp':
          if (items.length === 0) return;
          e.preventDefault();
          if (!expanded) open();
          setActive(active <= 0 ? items.length - 1 : active - 1);
          break;
        case 'Enter':
          if (expanded && active >= 0) {
            e.preventDefault();
            choose(active);
          }
          break;
        case 'Escape':
          if (expanded) {
            e.preventDefault();
            close();
          } else if (input.value !== '') {
            e.preventDefault();
            input.value = '';
            if (target) target.value = '';
          }
          break;
        case 'Tab':
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener('blur', () => close());
  }

  function init() {
    document.querySelectorAll('input[data-combobox]').forEach(enhance);
    for (const demo of document.querySelectorAll('[data-combobox-demo]')) demo.hidden = false;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
