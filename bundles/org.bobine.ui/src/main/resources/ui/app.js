// Bobine's pages: small enhancements over forms that already work without script. Night mode and theater mode
// switch at once and are remembered in a cookie (the server reads it on the next page, so that nothing flashes);
// the language switcher submits on change.
const YEAR = 365 * 24 * 3600;
const root = document.documentElement;
const system = window.matchMedia('(prefers-color-scheme: dark)');

function remember(name, value) {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${name}=${value}; Path=/; Max-Age=${YEAR}; SameSite=Lax${secure}`;
}

function effectiveScheme() {
  return root.dataset.scheme || (system.matches ? 'dark' : 'light');
}

function labelSchemeButton(button) {
  const dark = effectiveScheme() === 'dark';
  button.value = dark ? 'light' : 'dark';
  button.textContent = dark ? button.dataset.labelLight : button.dataset.labelDark;
  button.setAttribute('aria-pressed', String(dark));
}

for (const button of document.querySelectorAll('[data-toggle="scheme"]')) {
  labelSchemeButton(button);
  system.addEventListener('change', () => labelSchemeButton(button));
  button.addEventListener('click', (event) => {
    event.preventDefault();
    const next = effectiveScheme() === 'dark' ? 'light' : 'dark';
    root.dataset.scheme = next;
    document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', next);
    remember('bobine_scheme', next);
    labelSchemeButton(button);
  });
}

for (const button of document.querySelectorAll('[data-toggle="theater"]')) {
  button.addEventListener('click', (event) => {
    event.preventDefault();
    const on = document.body.classList.toggle('theater');
    button.setAttribute('aria-pressed', String(on));
    button.value = on ? '0' : '1';
    remember('bobine_theater', on ? '1' : '0');
  });
}

for (const select of document.querySelectorAll('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form.submit());
}
