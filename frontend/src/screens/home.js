// Home: one section per role I hold in the organisation I'm looking at. Later features add their
// cards to the role's section (carer: next check-in and my buddy; buddy: my carers; coordinator:
// waiting list and things needing attention).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { html } from '../html.js';
import { chooseOrganisation, currentOrganisation, organisationsOf, useSession } from '../session.js';
import { LinkButton, Page } from '../ui/page.js';

function Card({ title, href, children }) {
  return html`
    <section class="card">
      <h2 class="card-title">${href ? html`<a class="card-link" href=${href}>${title}</a>` : title}</h2>
      ${children}
    </section>
  `;
}

function CarerHome() {
  return html`
    <div class="help-now">
      <${LinkButton} href="/help" variant="emergency">I need help now</${LinkButton}>
    </div>
    <${Card} title="Your buddy">
      <p>We're finding you a buddy: someone who has looked after a relative or friend too.
        We'll let you know as soon as we have.</p>
    </${Card}>
    <${Card} title="Check-ins">
      <p>Once you have a buddy, you'll answer a short question here every week or two: how are you doing?</p>
    </${Card}>
  `;
}

function BuddyHome() {
  return html`
    <${Card} title="Your carers">
      <p>Thank you for being a buddy. When the centre matches you with a carer, they'll appear here.</p>
    </${Card}>
  `;
}

function useCount(url) {
  const [count, setCount] = useState(null);
  useEffect(() => {
    get(url)
      .then((rows) => setCount(rows.length))
      .catch(() => setCount(null));
  }, [url]);
  return count;
}

function CoordinatorHome({ organisation }) {
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

const SECTIONS = { carer: CarerHome, buddy: BuddyHome, coordinator: CoordinatorHome };
const ROLE_ORDER = ['carer', 'buddy', 'coordinator'];
const ROLE_TITLES = { carer: 'For you', buddy: 'As a buddy', coordinator: 'Running the service' };

export function Home() {
  const { me } = useSession();
  const [, redraw] = useState(0);
  const organisation = currentOrganisation(me);
  const organisations = organisationsOf(me);
  const firstName = me.display_name.split(' ')[0];
  if (!organisation) {
    return html`<${Page} title=${`Hello, ${firstName}`}>
      <p>You're not part of a carers' centre on carerlink at the moment. If you think this is wrong, contact the centre.</p>
    </${Page}>`;
  }
  const roles = ROLE_ORDER.filter((role) => organisation.roles.includes(role));
  return html`
    <${Page} title=${`Hello, ${firstName}`} caption=${organisation.name}>
      ${organisations.length > 1 &&
      html`<p class="switch-organisation">
        ${organisations
          .filter((o) => o.id !== organisation.id)
          .map(
            (o) => html`<button type="button" class="link-button" key=${o.id}
              onClick=${() => { chooseOrganisation(o.id); redraw((n) => n + 1); }}>Switch to ${o.name}</button>`,
          )}
      </p>`}
      ${roles.map((role) => {
        const Section = SECTIONS[role];
        return html`<div class="role-section" key=${role}>
          ${roles.length > 1 && html`<h2 class="heading-l">${ROLE_TITLES[role]}</h2>`}
          <${Section} organisation=${organisation} />
        </div>`;
      })}
      <ul class="links">
        <li><a href="/reminders">Reminders on this phone</a></li>
        <li><a href="/me">My details and signing out</a></li>
      </ul>
    </${Page}>
  `;
}
