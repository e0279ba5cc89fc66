// The coordinator's home section: cards for the waiting list, things needing attention, people.
// home.js shows CoordinatorHome; coordinator routes are in COORDINATOR_ROUTES (coordinator.js).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { html } from '../html.js';
import { Card } from '../ui/page.js';

function useCount(url) {
  const [count, setCount] = useState(null);
  useEffect(() => {
    get(url)
      .then((rows) => setCount(rows.length))
      .catch(() => setCount(null));
  }, [url]);
  return count;
}

export function CoordinatorHome({ organisation }) {
  const base = `/api/v1/orgs/${organisation.id}`;
  const waiting = useCount(`${base}/referrals?status=new`);
  const people = useCount(`${base}/members`);
  return html`
    <${Card} title="Requests to join" href="/referrals">
      <p>${waiting === null ? 'Carers who asked for a buddy.' : waiting === 0 ? 'No requests are waiting.' : waiting === 1 ? '1 request is waiting.' : `${waiting} requests are waiting.`}</p>
    </${Card}>
    <${Card} title="Invite someone" href="/invitations">
      <p>Invite a carer, buddy or coordinator, and see the invitations you have sent.</p>
    </${Card}>
    <${Card} title="People" href="/members">
      <p>${people === null ? 'Everyone in the centre.' : `${people} ${people === 1 ? 'person' : 'people'} in the centre.`}</p>
    </${Card}>
  `;
}
