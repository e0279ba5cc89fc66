// The offline store: one small IndexedDB database holding queued requests and a little metadata
// (whose queue it is, the CSRF token for the service worker). Only this module touches IndexedDB,
// so the queue and replay logic can be tested with any store that has the same methods.

export const DATABASE_NAME = 'carerlink-offline';
const VERSION = 1;
const QUEUE = 'queue';
const META = 'meta';

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function finished(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = transaction.onerror = () => reject(transaction.error);
  });
}

/** Open (creating when new) the offline database; ``indexedDB`` may be given for tests. */
export async function openStore({ indexedDB = globalThis.indexedDB, name = DATABASE_NAME } = {}) {
  const open = indexedDB.open(name, VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: 'id', autoIncrement: true });
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
  };
  const db = await promised(open);
  // Another tab deleting the database (sign-out) must not be blocked by this connection.
  db.onversionchange = () => db.close();

  async function run(storeName, mode, work) {
    const transaction = db.transaction(storeName, mode);
    const result = work(transaction.objectStore(storeName));
    await finished(transaction);
    return result instanceof IDBRequest ? result.result : result;
  }

  return {
    /** Add an item; resolves to the item with its new ``id``. */
    async add(item) {
      const id = await run(QUEUE, 'readwrite', (store) => store.add(item));
      return { ...item, id };
    },
    /** Every queued item, oldest first. */
    all: () => run(QUEUE, 'readonly', (store) => store.getAll()),
    count: () => run(QUEUE, 'readonly', (store) => store.count()),
    remove: (id) => run(QUEUE, 'readwrite', (store) => store.delete(id)),
    update: (item) => run(QUEUE, 'readwrite', (store) => store.put(item)),
    clear: () => run(QUEUE, 'readwrite', (store) => store.clear()),
    getMeta: (key) => run(META, 'readonly', (store) => store.get(key)),
    setMeta: (key, value) => run(META, 'readwrite', (store) => store.put(value, key)),
    close: () => db.close(),
  };
}

/** Delete the whole offline database (sign-out); resolves even when another tab holds it open. */
export function deleteStore({ indexedDB = globalThis.indexedDB, name = DATABASE_NAME } = {}) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve(); // the other connections close on versionchange
  });
}
