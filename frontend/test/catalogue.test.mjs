// The app's message catalogues (issue 17): every message in every language, none unused, every one
// an ICU message that parses, with the same arguments as the English and every plural form its
// language needs; the translations say they still need a native speaker's review.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TYPE } from '@formatjs/icu-messageformat-parser';
import { catalogueNotes, parseMessage, pseudoMessage, readCatalogues, SOURCE_LOCALE } from '../tools/messages.mjs';

const frontend = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const catalogues = readCatalogues();
const LANGUAGES = ['en-GB', 'cy', 'ur', 'pl'];
const english = catalogues[SOURCE_LOCALE];

function sourceFiles(folder) {
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') found.push(...sourceFiles(file));
    } else if (entry.name.endsWith('.js')) found.push(file);
  }
  return found;
}

/** Every argument a message uses, and each plural or select with the options it offers. */
function shape(nodes, found = { args: new Set(), plurals: [] }) {
  for (const node of nodes) {
    if (node.type !== TYPE.literal && node.type !== TYPE.pound) found.args.add(node.value);
    if (node.type === TYPE.plural) found.plurals.push({ name: node.value, options: Object.keys(node.options), ordinal: node.pluralType === 'ordinal' });
    for (const option of Object.values(node.options || {})) shape(option.value, found);
  }
  return found;
}

test('every language has exactly the areas and messages of the English', () => {
  for (const locale of LANGUAGES) {
    assert.deepEqual(Object.keys(catalogues[locale] || {}).sort(), Object.keys(english).sort(), `${locale}: areas`);
    for (const [area, messages] of Object.entries(english)) {
      const own = catalogues[locale][area];
      const missing = Object.keys(messages).filter((id) => !(id in own));
      const extra = Object.keys(own).filter((id) => !(id in messages));
      assert.deepEqual(missing, [], `${locale}/${area}: not translated`);
      assert.deepEqual(extra, [], `${locale}/${area}: not in the English`);
    }
  }
});

test('every message id belongs to its area and is used somewhere in the app', () => {
  const source = sourceFiles(path.join(frontend, 'src'))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
  const unused = [];
  for (const [area, messages] of Object.entries(english)) {
    for (const id of Object.keys(messages)) {
      assert.ok(id.startsWith(`${area}.`), `${id} is in ${area}.json but named for another area`);
      if (!source.includes(`'${id}'`) && !source.includes(`"${id}"`) && !source.includes(`\`${id}\``)) unused.push(id);
    }
  }
  assert.deepEqual(unused, [], 'messages no screen uses (an id must appear in the code in quotes)');
});

test('every id the app asks for is in the English catalogue', () => {
  const known = new Set(Object.values(english).flatMap((messages) => Object.keys(messages)));
  const missing = [];
  for (const file of sourceFiles(path.join(frontend, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const found of text.matchAll(/\bt\(\s*'([a-z][A-Za-z0-9]*\.[A-Za-z0-9_.-]+)'/g)) {
      if (!known.has(found[1])) missing.push(`${path.relative(frontend, file)}: ${found[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every message parses, keeps the English arguments, and has its language\'s plural forms', () => {
  for (const locale of LANGUAGES) {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const ordinalCategories = new Intl.PluralRules(locale, { type: 'ordinal' }).resolvedOptions().pluralCategories;
    for (const [area, messages] of Object.entries(catalogues[locale])) {
      for (const [id, message] of Object.entries(messages)) {
        const own = shape(parseMessage(id, message, locale));
        const source = shape(parseMessage(id, english[area][id] ?? message, SOURCE_LOCALE));
        assert.deepEqual([...own.args].sort(), [...source.args].sort(), `${locale} ${id}: arguments differ from the English`);
        for (const plural of own.plurals) {
          const needed = plural.ordinal ? ordinalCategories : categories;
          const lacking = needed.filter((category) => !plural.options.includes(category));
          assert.deepEqual(lacking, [], `${locale} ${id}: plural {${plural.name}} lacks forms`);
        }
      }
    }
  }
});

test('translations written for carerlink say they await a native speaker\'s review', () => {
  for (const locale of LANGUAGES.filter((l) => l !== SOURCE_LOCALE)) {
    for (const area of Object.keys(english)) {
      const notes = catalogueNotes(locale, area);
      assert.equal(notes['@@locale'], locale);
      assert.match(notes['@@x-review'] || '', /not yet reviewed by a native speaker/);
    }
  }
});

test('the pseudo-locale accents, lengthens and brackets every English message', () => {
  const [open, ...rest] = pseudoMessage('x', 'Sign in to {name}');
  assert.equal(open.value, '⟦');
  assert.equal(rest.at(-1).value, '⟧');
  assert.match(rest[0].value, /^Šíĝñ íñ ţö ~+$/);
  assert.equal(rest[1].value, 'name');
});
