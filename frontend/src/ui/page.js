// Page furniture: the heading that takes focus on every new screen, back links, panels, buttons.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.js';
import { formatDate as formatDateIn, t } from '../i18n.js';

let firstScreen = true;

/**
 * One screen: sets the document title and, after the first screen, moves focus to the heading so a
 * screen reader announces where the person now is (the app changes screens without a page load).
 */
export function Page({ title, caption, back, onBack, children, wide = false }) {
  const heading = useRef(null);
  useEffect(() => {
    document.title = `${title} – carerlink`;
    if (!firstScreen) heading.current?.focus({ preventScroll: false });
    firstScreen = false;
    scrollTo(0, 0);
  }, [title]);
  return html`
    <main class=${wide ? 'page page-wide' : 'page'} id="main">
      ${back && html`<a class="back-link" href=${back.href}>${back.label || t('shell.back')}</a>`}
      ${onBack && html`<button type="button" class="back-link" onClick=${onBack}>${t('shell.back')}</button>`}
      ${caption && html`<span class="caption">${caption}</span>`}
      <h1 id="page-heading" tabindex="-1" ref=${heading}>${title}</h1>
      ${children}
    </main>
  `;
}

export function Button({ children, type = 'submit', variant = 'primary', busy = false, onClick, id }) {
  return html`
    <button
      class=${`button button-${variant}`}
      type=${type}
      id=${id}
      onClick=${onClick}
      aria-disabled=${busy ? 'true' : undefined}
    >
      ${children}
    </button>
  `;
}

export function LinkButton({ href, children, variant = 'primary', reload = false }) {
  return html`<a class=${`button button-${variant}`} href=${href} data-reload=${reload ? '' : undefined}
    >${children}</a
  >`;
}

export function Panel({ title, children }) {
  return html`
    <div class="panel" role="status">
      <h2 class="panel-title">${title}</h2>
      ${children && html`<div class="panel-body">${children}</div>`}
    </div>
  `;
}

export function Inset({ children }) {
  return html`<div class="inset">${children}</div>`;
}

export function Warning({ children }) {
  return html`<div class="warning"><span class="warning-icon" aria-hidden="true">!</span>
    <strong class="warning-text"><span class="visually-hidden">${t('shell.warning')} </span>${children}</strong></div>`;
}

export function Loading({ label }) {
  return html`<p class="loading" role="status">${label || t('shell.loading')}</p>`;
}

/** A problem that is not about one field (offline, server trouble), shown at the top of a screen. */
export function Problem({ error }) {
  if (!error) return null;
  return html`<div class="error-summary" role="alert"><h2 class="error-summary-title">${t('shell.problemTitle')}</h2>
    <p>${error.message || String(error)}</p></div>`;
}

export function formatDate(value) {
  if (!value) return '';
  return formatDateIn(value, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** A card on a home screen; the title links to the screen with the detail. */
export function Card({ title, href, children }) {
  return html`
    <section class="card">
      <h2 class="card-title">${href ? html`<a class="card-link" href=${href}>${title}</a>` : title}</h2>
      ${children}
    </section>
  `;
}
