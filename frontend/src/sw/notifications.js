// Push messages in, notifications out. Payloads use the Declarative Web Push shape
// {"web_push": 8030, "notification": {"title", "body", "navigate", "tag", ...}} (issue 3); they carry
// no health details, so the app fetches those after the tap.

const FALLBACK = {
  title: 'carerlink',
  body: 'You have something new in carerlink.',
  navigate: '/',
};

/** A same-origin path for ``navigate`` (anything else would be an open redirect): "/" when unsafe. */
export function safePath(navigate, origin) {
  try {
    const url = new URL(navigate || '/', origin);
    if (url.origin !== origin) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

/** The message of a push event as {title, options} for showNotification; a generic one if unreadable. */
export function notificationFromPush(data, origin) {
  let message = null;
  try {
    message = data ? data.json() : null;
  } catch {
    message = null;
  }
  const fields = message && typeof message.notification === 'object' ? message.notification : null;
  const usable = fields && typeof fields.title === 'string' && fields.title.trim();
  const source = usable ? fields : FALLBACK;
  const options = {
    body: typeof source.body === 'string' ? source.body : '',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { navigate: safePath(source.navigate, origin) },
    lang: typeof source.lang === 'string' ? source.lang : 'en-GB',
  };
  if (usable) {
    if (typeof fields.tag === 'string' && fields.tag) options.tag = fields.tag;
    if (fields.dir === 'ltr' || fields.dir === 'rtl' || fields.dir === 'auto') options.dir = fields.dir;
    if (typeof fields.silent === 'boolean') options.silent = fields.silent;
    if (typeof fields.timestamp === 'number') options.timestamp = fields.timestamp;
  }
  return {
    title: source.title,
    options,
    badgeCount: usable && Number.isInteger(fields.app_badge) ? fields.app_badge : null,
  };
}

/**
 * Show the notification for one push (a repeat with the same tag replaces the shown one); resolves to
 * its deep link.
 */
export async function showPush(registration, data, origin, navigatorLike) {
  const { title, options, badgeCount } = notificationFromPush(data, origin);
  await registration.showNotification(title, options);
  if (badgeCount !== null && navigatorLike?.setAppBadge) {
    await navigatorLike.setAppBadge(badgeCount).catch(() => {});
  }
  return options.data.navigate;
}

/**
 * Tell the open carerlink windows a push for ``path`` arrived, so a page showing it can fetch what is
 * new (a pair's open thread, issue 18) without waiting for a tap. Only the path: never the payload.
 */
export async function tellOpenWindows(clients, path, origin) {
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin === origin) client.postMessage({ type: 'pushed', path });
  }
}

/**
 * After a tap: bring an open carerlink window forward and send it to the deep link (the app routes
 * it without a reload), or open a new window at the deep link.
 */
export async function openNotification(clients, notification, origin) {
  const path = safePath(notification?.data?.navigate, origin);
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.filter((client) => new URL(client.url).origin === origin);
  const target = open.find((client) => client.focused) || open[0];
  if (target) {
    const focused = await target.focus();
    (focused || target).postMessage({ type: 'navigate', path });
    return focused || target;
  }
  return clients.openWindow(new URL(path, origin).href);
}
