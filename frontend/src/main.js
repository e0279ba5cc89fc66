// Start the app: render, load who is signed in, register the service worker, follow its deep links.
import { render } from 'preact';
import { App } from './app.js';
import { html } from './html.js';
import { interceptLinks, navigate } from './router.js';
import { loadSession } from './session.js';

const root = document.getElementById('app');
root.textContent = '';
interceptLinks(document.body);
render(html`<${App} />`, root);
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
