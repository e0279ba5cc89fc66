// Buddy screens: the home section (my carers, answers waiting for a reply) and the buddy's routes.
// app.js adds BUDDY_ROUTES to its route table; home.js shows BuddyHome.
import { html } from '../html.js';
import { Card } from '../ui/page.js';

/** Routes only buddies see: {path, screen, access: 'buddy'}. */
export const BUDDY_ROUTES = [];

export function BuddyHome() {
  return html`
    <${Card} title="Your carers">
      <p>Thank you for being a buddy. When the centre matches you with a carer, they'll appear here.</p>
    </${Card}>
  `;
}
