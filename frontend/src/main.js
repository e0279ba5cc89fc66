// Start the app: the shell's words in this device's language, render, load who is signed in, register
// the service worker, follow its deep links.
import { render } from 'preact';
import { App } from './app.js';
import { html } from './html.js';
import { DEFAULT_LOCALE, guessLocale, setLocale, useLocale } from './i18n.js';
import { interceptLinks, navigate } from './router.js';
import { loadSession } from './session.js';

/** The app, drawn afresh in a language someone switches to. */
function Root() {
  const locale = useLocale();
  return html`<${App} key=${locale} />`;
}

const root = document.getElementById('app');
interceptLinks(document.body);
// The shell's catalogue is on its way already (boot.js preloads it); should this language's not come,
// English; should neither, the app still starts (the way to help has its English words built in). The
// session (boot.js asked for it at once) is read after, so a person's own language wins over the guess.
setLocale(guessLocale())
  .catch(() => setLocale(DEFAULT_LOCALE))
  .catch(() => {})
  .finally(() => {
    root.textContent = '';
    render(html`<${Root} />`, root);
    loadSession();
  });

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('message', (event) => {
    // A tapped notification asks an open window to show its deep link.
    if (event.data?.type === 'navigate' && typeof event.data.path === 'string' && event.data.path.startsWith('/')) {
      navigate(event.data.path);
    }
  });
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // Without a service worker the app still works online.
  });
}
