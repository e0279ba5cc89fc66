// Start the app: the shell's words in this device's language, render, load who is signed in, register
// the service worker, follow its deep links.
import { render } from 'preact';
import { App } from './app.js';
import { html } from './html.js';
import { DEFAULT_LOCALE, guessLocale, setLocale, useWordsVersion } from './i18n.js';
import { interceptLinks, navigate } from './router.js';
import { loadSession } from './session.js';

/** The app, drawn afresh in a language someone switches to. */
function Root() {
  const words = useWordsVersion();
  return html`<${App} key=${words} />`;
}

// However long the catalogue takes, the app starts by then: Help now and its numbers never wait for
// words (their English is part of the app); the rest is drawn again when the words arrive.
const WORDS_WAIT_MS = 3000;

const root = document.getElementById('app');
interceptLinks(document.body);
// The shell's catalogue is on its way already (boot.js preloads it); should this language's not come,
// English; should neither, the app still starts (the way to help has its English words built in). The
// session (boot.js asked for it at once) is read meanwhile: a person's own language, asked for after the
// guess, wins over it (the latest setLocale wins).
const words = setLocale(guessLocale())
  .catch(() => setLocale(DEFAULT_LOCALE))
  .catch(() => {});
Promise.race([words, new Promise((resolve) => setTimeout(resolve, WORDS_WAIT_MS))]).finally(() => {
  root.textContent = '';
  render(html`<${Root} />`, root);
});
loadSession();

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
