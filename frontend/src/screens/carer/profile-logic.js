// The carer's profile rules now live in shared/ (a coordinator fills the profile in with a carer too).
export * from '../shared/profile-carer-logic.js';
