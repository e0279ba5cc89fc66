// The carer's pages that are not home (issue 16): their profile (the stepped form), the outcome questions
// and the equality questions. A part of their own (see ../roles.js), so the part holding the carer's
// home stays small on a slow line (the cold-open budget); a link here waits for this part.
import { EqualityScreen } from '../shared/equality.js';
import { OutcomeAskScreen } from './outcomes.js';
import { EditProfile, HealthData, MyProfile } from './profile.js';

export const CARER_PAGE_ROUTES = [
  { path: '/my-profile', screen: MyProfile, access: 'carer' },
  { path: '/my-profile/edit', screen: EditProfile, access: 'carer' },
  { path: '/my-profile/health-data', screen: HealthData, access: 'carer' },
  { path: '/outcomes/:id', screen: OutcomeAskScreen, access: 'carer' }, // issue 16: outcome questions
  { path: '/my-details/equality', screen: EqualityScreen, access: 'signed-in' }, // carers and buddies
];
