// The app's words for the caring situation and the wellbeing scale come from the server's one source
// (src/generated/vocabulary.js, generated from profiles/vocabulary.py and checkins/wellbeing.py by
// `npm test`'s pretest and by the build). Before issue 12 they were written out by hand twice and
// disagreed: a coordinator read "Going through a crisis or big change" for the crisis stage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JOURNEY_LABEL, JOURNEY_PHRASE, WELLBEING_WORDS } from '../src/generated/vocabulary.js';
import { wellbeingWords } from '../src/screens/buddy/logic.js';
import { wellbeingOptions } from '../src/screens/carer/checkin-logic.js';
import { profileRows as carerRows } from '../src/screens/carer/profile-logic.js';
import { profileRows as coordinatorRows } from '../src/screens/coordinator/logic.js';

const capitalised = (words) => words[0].toUpperCase() + words.slice(1);
const profile = (stage) => ({ journey_stage: stage, relationships: [], languages: [], years_caring: 2 });

test('every stage reads in the server words on the carer and the coordinator screens', () => {
  assert.deepEqual(Object.keys(JOURNEY_LABEL), ['noticing', 'diagnosis', 'adjusting', 'established', 'crisis', 'ended']);
  for (const stage of Object.keys(JOURNEY_LABEL)) {
    const mine = carerRows(profile(stage)).find((row) => row.key === 'journey_stage');
    assert.deepEqual(mine.lines, [JOURNEY_LABEL[stage]]);
    const theirs = coordinatorRows(profile(stage)).find(([label]) => label === 'Where they are');
    assert.equal(theirs[1], capitalised(JOURNEY_PHRASE[stage]));
  }
  assert.equal(coordinatorRows(profile('crisis')).find(([label]) => label === 'Where they are')[1], 'Through a crisis or a big change');
});

test('the wellbeing scale reads the same to the carer answering and the buddy reading', () => {
  assert.deepEqual(
    wellbeingOptions().map((option) => option.label),
    Object.entries(WELLBEING_WORDS).map(([score, words]) => `${capitalised(words)} (${score} out of 5)`),
  );
  for (const [score, words] of Object.entries(WELLBEING_WORDS)) {
    assert.equal(wellbeingWords({ wellbeing: Number(score) }), capitalised(words));
  }
});
