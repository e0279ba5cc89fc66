// The carer's pages that are not home: a check-in and its answer, the history, the match and talking
// to the buddy, the check-in plan, the endings; their profile (the stepped form), the outcome questions
// and the equality questions (issue 16). A part of their own (see ../roles.js), so the part holding the
// carer's home stays small on a slow line (the cold-open budget); a link here waits for this part.
import { ChangeMatchScreen, EndedMatchScreen } from '../shared/match-ending.js';
import { EqualityScreen } from '../shared/equality.js';
import { CheckinScreen, TalkScreen } from './checkin.js';
import { History } from './history.js';
import { MatchScreen } from './match.js';
import { OutcomeAskScreen } from './outcomes.js';
import { CheckinPlan } from './plan.js';
import { EditProfile, HealthData, MyProfile } from './profile.js';

/** Routes of the carer's screens; /matches/:id serves the buddy too (both say yes or no). */
export const CARER_ROUTES = [
  { path: '/checkins/:id', screen: CheckinScreen, access: 'carer' },
  { path: '/check-ins', screen: History, access: 'carer' },
  { path: '/matches/:id', screen: MatchScreen, access: 'signed-in' },
  { path: '/matches/:id/talk', screen: TalkScreen, access: 'carer' },
  { path: '/matches/:id/ended', screen: EndedMatchScreen, access: 'signed-in' },
  { path: '/matches/:id/change', screen: ChangeMatchScreen, access: 'signed-in' },
  { path: '/matches/:id/check-ins', screen: CheckinPlan, access: 'signed-in' },
];

/** Their profile, the outcome questions and the equality questions (issue 16). */
export const CARER_PAGE_ROUTES = [
  { path: '/my-profile', screen: MyProfile, access: 'carer' },
  { path: '/my-profile/edit', screen: EditProfile, access: 'carer' },
  { path: '/my-profile/health-data', screen: HealthData, access: 'carer' },
  { path: '/outcomes/:id', screen: OutcomeAskScreen, access: 'carer' }, // issue 16: outcome questions
  { path: '/my-details/equality', screen: EqualityScreen, access: 'signed-in' }, // carers and buddies
];
