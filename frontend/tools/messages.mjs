// Compile the app's message catalogues (issue 17) into src/generated/messages/<locale>/<area>.js, one
// chunk per language and area, each message parsed once here (@formatjs/icu-messageformat-parser) so
// the app ships intl-messageformat without its parser. Also written:
// - the 'vocabulary' area of each language: the server's words for the caring situation and the
//   wellbeing scale, translated in the server's gettext catalogues (`python -m carerlink.app_words`),
//   and src/generated/vocabulary.js, whose tables read them in the current language;
// - the pseudo-locale en-XA (tests only): every English message accented, lengthened and bracketed
//   ⟦…⟧, so English that never went through a catalogue stands out on a screen.
// Sources: frontend/locales/<locale>/<area>.json, flat {"id": "ICU message"}; keys starting "@@" are
// about the file (its locale; "@@x-review": not yet reviewed by a native speaker). Run before every
// build and before the node tests; src/generated/ is not committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';

const frontend = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const project = path.dirname(frontend);
export const LOCALES_DIR = path.join(frontend, 'locales');
const OUT = path.join(frontend, 'src/generated/messages');
const OUT_MIN = path.join(frontend, 'src/generated/messages-min');
export const SOURCE_LOCALE = 'en-GB';
export const PSEUDO_LOCALE = 'en-XA';
export const VOCABULARY_MODULE = path.join(frontend, 'src/generated/vocabulary.js');
// The areas every screen needs from the first load (the header, Help now, signing in): compiled together
// into first.js, one request. 'account' (joining, my details, reminders) comes when one of its pages opens.
export const FIRST_LOAD = ['crisis', 'shell'];
// Kept in step with BUNDLES in src/i18n.js (frontend/test/i18n-core.test.mjs checks).
export const BUNDLES = {
  'role-carer': ['account', 'shared', 'vocabulary', 'carer'],
  'role-buddy': ['account', 'shared', 'vocabulary', 'buddy'],
  'role-coordinator': ['account', 'shared', 'vocabulary', 'coordinator'],
};
// A role's home with its own words first (kept in step with HOME_BUNDLES in src/i18n.js): on a slow
// line the carer's home waits for the words it shows, not for those of every carer screen (the
// cold-open benchmark); the role's bundle follows with its other screens. The ids are the ones the
// home's modules use (homeMessageIds), taken from the role's bundle, so a home bundle is part of it.
export const HOME_BUNDLES = {
  'home-carer': { bundle: 'role-carer', module: 'src/screens/carer/home.js' },
};
// The language switch's few words, in every language at once (src/ui/language.js imports them all).
export const EVERY_LANGUAGE = ['switch'];

/** The project's Python (CARERLINK_PYTHON, else its .venv, else python3): the server's words come from it. */
export function python() {
  if (process.env.CARERLINK_PYTHON) return process.env.CARERLINK_PYTHON;
  const venv = path.join(project, '.venv', process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  return fs.existsSync(venv) ? venv : 'python3';
}

/** Every catalogue: {locale: {area: {id: message}}} (the "@@" keys left out). */
export function readCatalogues() {
  const found = {};
  for (const locale of fs.readdirSync(LOCALES_DIR).sort()) {
    const folder = path.join(LOCALES_DIR, locale);
    if (!fs.statSync(folder).isDirectory()) continue;
    found[locale] = {};
    for (const file of fs.readdirSync(folder).sort()) {
      if (!file.endsWith('.json')) continue;
      const data = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
      found[locale][file.slice(0, -5)] = Object.fromEntries(Object.entries(data).filter(([id]) => !id.startsWith('@@')));
    }
  }
  return found;
}

/** The file's own notes ("@@locale", "@@x-review"). */
export function catalogueNotes(locale, area) {
  const data = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, `${area}.json`), 'utf8'));
  return Object.fromEntries(Object.entries(data).filter(([id]) => id.startsWith('@@')));
}

/** An ICU message parsed (throws with the id on a syntax error). */
export function parseMessage(id, message, locale) {
  try {
    return parse(message, { ignoreTag: true, requiresOtherClause: true, locale: new Intl.Locale(locale === PSEUDO_LOCALE ? SOURCE_LOCALE : locale) });
  } catch (error) {
    throw new Error(`${locale}: message ${id} does not parse as ICU: ${error.message}`);
  }
}

/** Drop the parser's source locations: they are only for error messages, and cost bytes. */
function compact(nodes) {
  return nodes.map((node) => {
    const copy = { ...node };
    delete copy.location;
    if (copy.options) {
      copy.options = Object.fromEntries(
        Object.entries(copy.options).map(([key, option]) => [key, { value: compact(option.value) }]),
      );
    }
    return copy;
  });
}

function compiled(id, message, locale) {
  const ast = compact(parseMessage(id, message, locale));
  // A message without arguments is kept as its text: t() returns it as it is.
  if (ast.length === 0) return '';
  if (ast.length === 1 && ast[0].type === TYPE.literal) return ast[0].value;
  return ast;
}

const ACCENTED = { a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ', n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž', A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ', N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž' };

/** English text accented and about a third longer ("Sign in" → "Šíĝñ íñ ~~"): still readable, never English. */
export function pseudoText(text) {
  const accented = [...text].map((c) => ACCENTED[c] || c).join('');
  const letters = (text.match(/[A-Za-z]/g) || []).length;
  return letters ? `${accented}${'~'.repeat(Math.ceil(letters / 3))}` : accented;
}

function pseudoNodes(nodes) {
  return nodes.map((node) => {
    if (node.type === TYPE.literal) return { ...node, value: pseudoText(node.value) };
    if (node.options) {
      return { ...node, options: Object.fromEntries(Object.entries(node.options).map(([k, o]) => [k, { value: pseudoNodes(o.value) }])) };
    }
    return node;
  });
}

/** An English message in the pseudo-locale, bracketed ⟦…⟧ so a test can tell it came through a catalogue. */
export function pseudoMessage(id, message) {
  const ast = compact(parseMessage(id, message, SOURCE_LOCALE));
  return [{ type: TYPE.literal, value: '⟦' }, ...pseudoNodes(ast), { type: TYPE.literal, value: '⟧' }];
}

/** The server's vocabulary in every language: {locale: {TABLE: {key: words}}} (app_words). */
function serverVocabulary() {
  const source = execFileSync(python(), ['-m', 'carerlink.app_words'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: [path.join(project, 'src'), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) },
  });
  return JSON.parse(source);
}

function vocabularyMessages(tables) {
  const out = {};
  for (const [table, words] of Object.entries(tables)) {
    // Braces and apostrophes in the server's words are text, not ICU syntax.
    for (const [key, text] of Object.entries(words)) out[`vocabulary.${table}.${key}`] = text.replaceAll("'", "''").replace(/[{}]/g, "'$&'");
  }
  return out;
}

function vocabularyModule(tables) {
  const lines = [
    '// Generated when the app is built (tools/messages.mjs) from the server\'s words: src/carerlink/profiles/',
    '// vocabulary.py and src/carerlink/checkins/wellbeing.py, translated in src/carerlink/i18n/locale/.',
    '// Do not edit. Keys are what the API sends; each value is the word in the current language.',
    "import { t } from '../i18n.js';",
    '',
    'function table(name, keys) {',
    '  const words = {};',
    '  for (const key of keys) Object.defineProperty(words, key, { get: () => t(`vocabulary.${name}.${key}`), enumerable: true });',
    '  return Object.freeze(words);',
    '}',
  ];
  for (const [name, words] of Object.entries(tables)) {
    lines.push(`export const ${name} = table(${JSON.stringify(name)}, ${JSON.stringify(Object.keys(words))});`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The message ids ``module`` (a path under frontend/) and the modules it imports statically use: every
 * quoted string that is an id of ``known`` (the catalogue test guarantees each id the code uses is
 * written out so), and the ids of every table of src/generated/vocabulary.js those modules import (its
 * ids are made at run time: "vocabulary.<TABLE>.<key>"; all of them for `import * as`). What it
 * imports with import() is not part of it.
 */
export function homeMessageIds(module, known) {
  // The static imports, read from the sources themselves (what this tool and the build generate may not
  // exist yet on a fresh clone; its ids are found from the sources below, not from the generated files).
  const staticImport = /(?:^|[;\n])\s*(?:import|export)\s+(?:[\w*\s{},$]+?\s+from\s+)?['"](\.[^'"]+)['"]/g;
  const reached = new Set();
  const visit = (file) => {
    const full = path.join(frontend, file);
    if (reached.has(file) || !fs.existsSync(full)) return;
    reached.add(file);
    for (const [, specifier] of fs.readFileSync(full, 'utf8').matchAll(staticImport)) {
      visit(path.relative(frontend, path.resolve(path.dirname(full), specifier)).split(path.sep).join('/'));
    }
  };
  visit(module);
  const quoted = /(['"`])([a-z][A-Za-z0-9]*\.[A-Za-z0-9_.-]+)\1/g;
  const fromVocabulary = /import\s*(\{[^}]*\}|\*\s*as\s+\w+)\s*from\s*['"][./]*\/generated\/vocabulary\.js['"]/g;
  const found = new Set();
  const tables = new Set();
  for (const file of reached) {
    if (file.startsWith('src/generated/')) continue;
    const source = fs.readFileSync(path.join(frontend, file), 'utf8');
    for (const [, , id] of source.matchAll(quoted)) if (known.has(id)) found.add(id);
    for (const [, names] of source.matchAll(fromVocabulary)) {
      if (names.startsWith('*')) tables.add('*');
      else for (const name of names.slice(1, -1).split(',')) tables.add(name.trim().split(/\s+as\s+/)[0]);
    }
  }
  for (const id of known) {
    const table = id.startsWith('vocabulary.') && id.split('.')[1];
    if (table && (tables.has('*') || tables.has(table))) found.add(id);
  }
  return found;
}

function writeIfChanged(file, text) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Delete what an earlier version of this tool wrote in ``folder`` and this one did not: the build
 * would otherwise make a chunk of every stale file (the catalogues are imported by a pattern). */
function removeOthers(folder, keep) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && !keep.has(file)) fs.rmSync(file);
  }
}

/**
 * Short ids for the app as built (build.mjs): every id of the app's own catalogues (not the generated
 * vocabulary, whose ids are made at run time) → "~" and a base-36 number. The ids read well in the code
 * and the catalogues; shipped twice (the code and the catalogue), they cost the first load ~3 KB.
 */
export function shortIds() {
  const ids = Object.values(readCatalogues()[SOURCE_LOCALE] || {}).flatMap((messages) => Object.keys(messages));
  return new Map(ids.sort().map((id, index) => [id, `~${index.toString(36)}`]));
}

function renamed(messages, ids) {
  if (!ids) return messages;
  return Object.fromEntries(Object.entries(messages).map(([id, message]) => [ids.get(id) || id, message]));
}

/**
 * Write every compiled catalogue (a message missing in a language falls back to English there, with a
 * warning: the catalogue test fails on it) into src/generated/messages/, and with the short ids of
 * ``ids`` (the build's) into src/generated/messages-min/. Returns the languages written.
 */
export function writeMessages({ ids = null } = {}) {
  const out = ids ? OUT_MIN : OUT;
  const catalogues = readCatalogues();
  const source = catalogues[SOURCE_LOCALE] || {};
  const vocabulary = serverVocabulary();
  const locales = Object.keys(catalogues);
  const homeIds = {};
  for (const [home, { bundle, module }] of Object.entries(HOME_BUNDLES)) {
    const areas = { ...source, vocabulary: vocabularyMessages(vocabulary[SOURCE_LOCALE]) };
    const known = new Set(BUNDLES[bundle].flatMap((area) => Object.keys(areas[area] || {})));
    homeIds[home] = [...homeMessageIds(module, known)].sort().map((id) => (ids && ids.get(id)) || id);
  }
  const written = {};
  const files = new Set();
  const write = (file, text) => {
    files.add(file);
    writeIfChanged(file, text);
  };
  for (const locale of [...locales, PSEUDO_LOCALE]) {
    const areas = { ...(catalogues[locale] || {}) };
    for (const area of Object.keys(source)) areas[area] ||= {};
    const compiledAreas = {};
    areas.vocabulary = vocabularyMessages(vocabulary[locale === PSEUDO_LOCALE ? SOURCE_LOCALE : locale] || vocabulary[SOURCE_LOCALE]);
    for (const [area, englishMessages] of Object.entries({ ...source, vocabulary: vocabularyMessages(vocabulary[SOURCE_LOCALE]) })) {
      const own = areas[area];
      const compiledMessages = {};
      for (const [id, english] of Object.entries(englishMessages)) {
        if (locale === PSEUDO_LOCALE) compiledMessages[id] = pseudoMessage(id, english);
        else if (id in own) compiledMessages[id] = compiled(id, own[id], locale);
        else {
          if (locale !== SOURCE_LOCALE) console.warn(`messages: ${locale}/${area}: ${id} is not translated (English used)`);
          compiledMessages[id] = compiled(id, english, SOURCE_LOCALE);
        }
      }
      const result = renamed(compiledMessages, ids);
      compiledAreas[area] = result;
      // The first load's areas go into first.js; the English crisis words are also written beside the
      // catalogues (crisis-fallback.js), for the app to import itself (src/i18n.js): outside the folders of
      // the languages, they are part of the shell's chunk, not a chunk of their own.
      if (!FIRST_LOAD.includes(area)) write(path.join(out, locale, `${area}.js`), `export default ${JSON.stringify(result)};\n`);
      if (area === 'crisis' && locale === SOURCE_LOCALE) write(path.join(out, 'crisis-fallback.js'), `export default ${JSON.stringify(result)};\n`);
    }
    // The areas of the first load, one chunk: fewer requests before the first screen.
    const first = Object.assign({}, ...FIRST_LOAD.map((area) => compiledAreas[area] || {}));
    write(path.join(out, locale, 'first.js'), `export default ${JSON.stringify(first)};\n`);
    // Each role's words in one chunk too (src/i18n.js BUNDLES): a home on a slow line waits for one
    // request of words, not four.
    for (const [bundle, parts] of Object.entries(BUNDLES)) {
      const words = Object.assign({}, ...parts.map((area) => compiledAreas[area] || {}));
      write(path.join(out, locale, `${bundle}.js`), `export default ${JSON.stringify(words)};\n`);
      for (const [home, { bundle: whole }] of Object.entries(HOME_BUNDLES)) {
        if (whole !== bundle) continue;
        const own = Object.fromEntries(homeIds[home].map((id) => [id, words[id]]));
        write(path.join(out, locale, `${home}.js`), `export default ${JSON.stringify(own)};\n`);
      }
    }
    written[locale] = true;
  }
  writeIfChanged(VOCABULARY_MODULE, vocabularyModule(vocabulary[SOURCE_LOCALE]));
  removeOthers(out, files);
  return Object.keys(written);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeMessages();
