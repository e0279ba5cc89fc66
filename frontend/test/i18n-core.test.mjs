// The app's language core (issue 17): a role's words asked for while the language changes arrive in the
// new language, the latest change of language wins, and the page's lang and dir follow.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { currentLocale, directionOf, guessLocale, loadAreas, setLocale, supportedLocale, t } from '../src/i18n.js';

const welsh = JSON.parse(fs.readFileSync(new URL('../locales/cy/carer.json', import.meta.url)));
const english = JSON.parse(fs.readFileSync(new URL('../locales/en-GB/carer.json', import.meta.url)));
const ID = 'carer.answer.chooseWellbeing';

test('words asked for while the language changes come in the new language', async () => {
  await setLocale('en-GB');
  const changing = setLocale('cy');
  const asked = loadAreas(['carer']); // a role's screens arriving in the middle of the change
  await Promise.all([changing, asked]);
  assert.equal(currentLocale(), 'cy');
  assert.equal(t(ID), welsh[ID]);
  await setLocale('en-GB');
  assert.equal(t(ID), english[ID]); // and back: every area asked for so far comes along
});

test('the latest language asked for wins over one still on its way', async () => {
  await setLocale('en-GB');
  const first = setLocale('pl');
  const second = setLocale('ur');
  await Promise.all([first, second]);
  assert.equal(currentLocale(), 'ur');
  assert.equal(directionOf(), 'rtl');
  await setLocale('en-GB');
});

test('a first guess from the device, then the browser, then English', () => {
  assert.equal(guessLocale({ stored: 'cy', languages: ['pl-PL'] }), 'cy');
  assert.equal(guessLocale({ stored: null, languages: ['de-DE', 'pl-PL', 'en'] }), 'pl');
  assert.equal(guessLocale({ stored: 'xx', languages: ['fr'] }), 'en-GB');
  assert.equal(supportedLocale('en-US'), 'en-GB');
  assert.equal(supportedLocale('ur-PK'), 'ur');
});

test('a role asks for its words in one chunk, which holds every area it needs', async () => {
  const { BUNDLES: built } = await import('../tools/messages.mjs');
  const { BUNDLES } = await import('../src/i18n.js');
  assert.deepEqual(BUNDLES, built);
  await setLocale('pl');
  await loadAreas(['role-carer']);
  const polish = JSON.parse(fs.readFileSync(new URL('../locales/pl/carer.json', import.meta.url)));
  assert.equal(t(ID), polish[ID]);
  await setLocale('en-GB');
  assert.equal(t(ID), english[ID]);
});

test("the carer's home asks for its own words only, which its role's bundle holds", async () => {
  const { BUNDLES: built, HOME_BUNDLES: homes } = await import('../tools/messages.mjs');
  const { HOME_BUNDLES } = await import('../src/i18n.js');
  assert.deepEqual(HOME_BUNDLES, Object.fromEntries(Object.entries(homes).map(([home, { bundle }]) => [home, bundle])));
  assert.ok(built[HOME_BUNDLES['home-carer']]);
  const home = (await import('../src/generated/messages/pl/home-carer.js')).default;
  const whole = (await import('../src/generated/messages/pl/role-carer.js')).default;
  assert.ok(Object.keys(home).length > 0);
  for (const [id, message] of Object.entries(home)) assert.deepEqual(message, whole[id], id);
  assert.ok(Object.keys(home).length < Object.keys(whole).length / 3, 'only the words of home');
  assert.ok('carer.home.nextWith' in home && 'vocabulary.WELLBEING_WORDS.1' in home, Object.keys(home).join(' '));
  assert.ok(!('carer.checkin.queuedTitle' in home), 'the check-in screen is not home');
});
