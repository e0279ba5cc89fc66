// The screens of each role (carer, buddy, coordinator) are not part of the first load: someone
// signing in, joining or looking for help downloads only the shell. They are fetched as soon as
// someone is signed in or opens one of their pages (esbuild splits them into chunks, which the
// service worker precaches, so they also open offline once installed).

let loading = null;
let loaded = null;

/** The role screens if they have arrived: {routes, sections}, else null. */
export function roleScreens() {
  return loaded;
}

/** Fetch the role screens once; resolves to {routes, sections} (a failed fetch can be tried again). */
export function loadRoleScreens() {
  loading ||= Promise.all([
    import('./carer.js'),
    import('./buddy.js'),
    import('./coordinator.js'),
    import('./coordinator-home.js'),
  ]).then(
    ([carer, buddy, coordinator, coordinatorHome]) => {
      loaded = {
        routes: [...carer.CARER_ROUTES, ...buddy.BUDDY_ROUTES, ...coordinator.COORDINATOR_ROUTES],
        sections: { carer: carer.CarerHome, buddy: buddy.BuddyHome, coordinator: coordinatorHome.CoordinatorHome },
      };
      return loaded;
    },
    (error) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
