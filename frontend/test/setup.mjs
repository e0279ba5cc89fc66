// Loaded before every node test (package.json): the app's words in English, every area, as a person
// with the app in English reads them. A test of another language sets its own (useLocaleForTests).
import { useLocaleForTests } from '../src/i18n.js';

await useLocaleForTests('en-GB');
