// The shell and the way to help in another language (issue 17): names joined as that language does,
// plural forms chosen by its rules, the built-in crisis lines' words translated (their names and
// numbers kept).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DEFAULT_LINES } from '../src/crisis-lines.js';
import { t, useLocaleForTests } from '../src/i18n.js';
import { namesInWords, remindersLead } from '../src/text.js';

// The help page's module reaches session.js, which listens for "online" when it loads.
globalThis.addEventListener ??= () => {};
const { HELP_WORDS } = await import('../src/screens/shared/crisis.js');

after(() => useLocaleForTests('en-GB'));

const match = (carer, buddy) => ({
  status: 'active',
  carer: { user_id: carer[0], display_name: carer[1] },
  buddy: { user_id: buddy[0], display_name: buddy[1] },
});

test('Polish: "or" between names, and the answers waiting counted with every plural form', async () => {
  await useLocaleForTests('pl');
  const helen = 'u-helen';
  const lead = remindersLead({
    roles: ['buddy'],
    userId: helen,
    matches: [match(['u-sam', 'Sam Clarke'], [helen, 'Helen Wright']), match(['u-ruth', 'Ruth Evans'], [helen, 'Helen Wright'])],
  });
  assert.match(lead, /^Damy znać, gdy Sam lub Ruth odpowie/);
  assert.equal(namesInWords(['Sam Clarke', 'Ruth Evans', 'Alex Turner']), 'Sam, Ruth i Alex');
  assert.equal(t('shell.notice.waiting', { count: 1 }), '1 odpowiedź zostanie wysłana, gdy połączenie wróci.');
  assert.equal(t('shell.notice.waiting', { count: 3 }), '3 odpowiedzi zostaną wysłane, gdy połączenie wróci.');
  assert.equal(t('shell.notice.waiting', { count: 5 }), '5 odpowiedzi zostanie wysłanych, gdy połączenie wróci.');
});

test('Welsh and Urdu: the help words and the built-in lines in the language, the services named as they are', async () => {
  await useLocaleForTests('cy');
  assert.equal(HELP_WORDS.told, 'Rydyn ni wedi dweud wrth y ganolfan');
  const shout = DEFAULT_LINES.find((line) => line.name === 'Shout');
  assert.equal(shout.description, 'Tecstiwch SHOUT i 85258, 24 awr y dydd.');
  assert.equal(t('crisis.lineAction', { how: 'text', contact: shout.contact }), 'Tecstio 85258');
  await useLocaleForTests('ur');
  assert.equal(HELP_WORDS.waitingTitle(true), 'ہم ابھی سینٹر کو بتا رہے ہیں');
  assert.equal(DEFAULT_LINES[0].name, 'ہنگامی سروسز');
  assert.equal(DEFAULT_LINES[0].contact, '999');
  await useLocaleForTests('en-GB');
  assert.equal(DEFAULT_LINES[0].name, 'Emergency services');
  assert.equal(shout.description, 'Text SHOUT to 85258, 24 hours a day.');
});
