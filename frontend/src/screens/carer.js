// Carer screens: the home section (next check-in, my buddy, "I need help now" one tap away) and the
// carer's own routes. app.js adds CARER_ROUTES to its route table; home.js shows CarerHome.
import { html } from '../html.js';
import { Card, LinkButton } from '../ui/page.js';

/** Routes only carers see: {path, screen, access: 'carer'}. */
export const CARER_ROUTES = [];

export function CarerHome() {
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
