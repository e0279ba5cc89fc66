// The Background Sync tag the app registers and the service worker answers.
export const SYNC_TAG = 'carerlink-offline-queue';
