// The buddy's profile rules now live in shared/ (a coordinator fills the profile in with a buddy too).
export * from '../shared/profile-buddy-logic.js';
