// Build the PWA into dist/: hashed, minified JS and CSS (esbuild), index.html pointing at them, the
// service worker with its precache list and version, the manifest, the icons, and a .gz beside every
// text file (served when the browser accepts gzip); first the server's words, src/generated/vocabulary.js
// and the compiled message catalogues (tools/messages.mjs). Nothing here is fetched from the network.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { renderIcons, THEME_COLOUR } from './tools/icons.mjs';
import { shortIds, writeMessages } from './tools/messages.mjs';
import { BOOT_AREAS } from './src/boot.js';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const TARGET = ['chrome100', 'firefox100', 'safari15.4', 'edge100'];
const BACKGROUND_COLOUR = '#f7f5f0';

/**
 * The app and its stylesheet; ``splitting`` puts what is only reached through import() (the role
 * screens, see src/screens/roles.js) into chunks of their own. Returns the entry script, the
 * stylesheet, every chunk (all precached), and the files the first page load fetches (the entry
 * script and what it imports statically, and the stylesheet).
 */
/**
 * The app's sources with each message id shortened (tools/messages.mjs shortIds: the catalogues in
 * src/generated/messages-min/ carry the same short ids). Only a quoted string that is exactly an id is
 * replaced; the catalogue test guarantees every id appears in the code that way.
 *
 * Also: the shell in one chunk. esbuild splits by which entry points reach a module, and each part
 * of the app loaded with import() (a role's screens, the language offer) is an entry point; the shell
 * modules each part happens to use became chunks of their own, fourteen requests on the first load
 * where a browser opens six connections at a time (on a slow line each request waits its turn, then
 * pays the latency again). Every such part is built as if it also imported src/app.js (the whole
 * shell, which is always loaded before any part), so every shell module is reached by the same entry
 * points and esbuild keeps them together: the first load is main.js and one chunk. The catalogues
 * (src/generated/) import nothing and are left alone.
 */
function appSourcesPlugin(ids) {
  const quoted = /(['"`])([a-z][A-Za-z0-9]*\.[A-Za-z0-9_.-]+)\1/g;
  const shell = path.join(root, 'src/app.js');
  const lazy = new Set();
  return {
    name: 'app-sources',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData?.resolving) return undefined;
        const found = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolving: true },
        });
        if (found.errors.length) return { errors: found.errors };
        if (!found.path.includes(`${path.sep}generated${path.sep}`)) lazy.add(found.path);
        return { path: found.path };
      });
      build.onLoad({ filter: /[\\/]src[\\/].*\.js$/ }, async (args) => {
        if (args.path.includes(`${path.sep}generated${path.sep}`)) return undefined;
        const source = await fs.readFile(args.path, 'utf8');
        let contents = source
          .replace(quoted, (whole, quote, id) => (ids.has(id) ? `${quote}${ids.get(id)}${quote}` : whole))
          .replaceAll('/generated/messages/', '/generated/messages-min/');
        if (lazy.has(args.path)) contents += `\nimport ${JSON.stringify(shell)};\n`;
        return { contents, loader: 'js' };
      });
    },
  };
}

async function buildApp(ids) {
  const result = await esbuild.build({
    entryPoints: { app: path.join(root, 'src/main.js'), style: path.join(root, 'src/styles/app.css') },
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: TARGET,
    outdir: path.join(dist, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [appSourcesPlugin(ids)],
    // The catalogues are compiled (tools/messages.mjs): the app needs intl-messageformat's formatter only.
    alias: { '@formatjs/icu-messageformat-parser': '@formatjs/icu-messageformat-parser/no-parser.js' },
  });
  const url = (file) => '/' + path.relative(dist, file);
  const outputs = result.metafile.outputs;
  const files = Object.keys(outputs);
  const entry = files.find((file) => file.endsWith('.js') && outputs[file].entryPoint?.endsWith('main.js'));
  const style = files.find((file) => file.endsWith('.css'));
  const firstLoad = new Set([style]);
  const visit = (file) => {
    if (firstLoad.has(file)) return;
    firstLoad.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return {
    script: url(entry),
    style: url(style),
    chunks: files.filter((file) => file.endsWith('.js') && file !== entry).map(url),
    firstLoad: [...firstLoad].map(url),
    roleChunks: roleChunks(outputs, firstLoad, url),
    messageChunks: messageChunks(outputs, url),
  };
}

/** Each language's catalogue chunks: {locale: {area: url}} (src/i18n.js imports them by name). */
function messageChunks(outputs, url) {
  const chunks = {};
  for (const [file, output] of Object.entries(outputs)) {
    const found = output.entryPoint?.match(/src\/generated\/messages-min\/([^/]+)\/([^/]+)\.js$/);
    if (found) (chunks[found[1]] ||= {})[found[2]] = url(file);
  }
  if (!chunks['en-GB']?.first) throw new Error('no chunk for the English first-load catalogue');
  // The English crisis words are part of the app itself (src/i18n.js imports them): no chunk of their own.
  return chunks;
}

// The module owning each role's home section (see src/screens/roles.js).
const ROLE_MODULES = { carer: 'src/screens/carer/home.js', buddy: 'src/screens/buddy/home.js', coordinator: 'src/screens/coordinator/home.js' };

/**
 * For each role, the chunks its home section needs beyond the first load (its module and what that
 * imports statically): boot.js preloads them as soon as it knows someone holds the role.
 */
function roleChunks(outputs, firstLoad, url) {
  const chunks = {};
  for (const [role, module] of Object.entries(ROLE_MODULES)) {
    const start = Object.keys(outputs).find((file) => outputs[file].entryPoint === module);
    if (!start) throw new Error(`no chunk for ${module}`);
    const needed = new Set();
    const visit = (file) => {
      if (needed.has(file) || firstLoad.has(file)) return;
      needed.add(file);
      for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(start);
    chunks[role] = [...needed].map(url);
  }
  return chunks;
}

/**
 * boot.js, a module of its own (no imports, so it runs as soon as it arrives), told each role's chunks
 * and, in every language, the catalogue chunks it asks for (BOOT_AREAS: the shell's words and those of
 * each role's home; the others would only make it bigger).
 */
async function buildBoot(roleChunks, allMessageChunks) {
  const messageChunks = Object.fromEntries(
    Object.entries(allMessageChunks).map(([locale, areas]) => [
      locale,
      Object.fromEntries(BOOT_AREAS.filter((area) => areas[area]).map((area) => [area, areas[area]])),
    ]),
  );
  const result = await esbuild.build({
    entryPoints: { boot: path.join(root, 'src/boot.js') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: TARGET,
    outdir: path.join(dist, 'assets'),
    entryNames: '[name]-[hash]',
    define: { __ROLE_CHUNKS__: JSON.stringify(roleChunks), __MESSAGE_CHUNKS__: JSON.stringify(messageChunks) },
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return '/' + path.relative(dist, Object.keys(result.metafile.outputs)[0]);
}

function manifest() {
  const icon = (size, purpose) => ({
    src: `/icons/icon-${size}${purpose === 'maskable' ? '-maskable' : ''}.png`,
    sizes: `${size}x${size}`,
    type: 'image/png',
    purpose,
  });
  return {
    id: '/',
    name: 'carerlink — support from another carer',
    short_name: 'carerlink',
    description: 'Check in with your buddy, someone who has been there, and get help fast when you need it.',
    lang: 'en-GB',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOUR,
    background_color: BACKGROUND_COLOUR,
    icons: [icon(192, 'any'), icon(512, 'any'), icon(192, 'maskable'), icon(512, 'maskable')],
  };
}

async function writeShell({ script, style, boot, firstLoad }) {
  const template = await fs.readFile(path.join(root, 'src/index.html'), 'utf8');
  // Every module of the first load is asked for at once, not one import level after another.
  const preloads = firstLoad
    .filter((file) => file.endsWith('.js') && file !== script && file !== boot)
    .map((file) => `<link rel="modulepreload" href="${file}">`)
    .join('\n');
  const html = template
    .replaceAll('{{boot}}', boot)
    .replaceAll('{{modulepreload}}', preloads)
    .replaceAll('{{script}}', script)
    .replaceAll('{{style}}', style)
    .replaceAll('{{theme}}', THEME_COLOUR);
  await fs.writeFile(path.join(dist, 'index.html'), html);
}

async function buildServiceWorker(precache) {
  const hash = createHash('sha256');
  for (const url of precache) hash.update(url).update(await fs.readFile(path.join(dist, url)));
  const version = hash.digest('hex').slice(0, 16);
  await esbuild.build({
    entryPoints: [path.join(root, 'src/sw/sw.js')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: TARGET,
    outfile: path.join(dist, 'sw.js'),
    define: { __PRECACHE__: JSON.stringify(precache), __VERSION__: JSON.stringify(version) },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return version;
}

async function gzipTextFiles(directory) {
  for (const entry of await fs.readdir(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) await gzipTextFiles(file);
    else if (/\.(js|css|html|webmanifest)$/.test(entry.name)) {
      await fs.writeFile(file + '.gz', gzipSync(await fs.readFile(file), { level: 9 }));
    }
  }
}

async function main() {
  writeMessages(); // the catalogues compiled, and the server's words (src/generated/ is not committed)
  const ids = shortIds();
  writeMessages({ ids }); // the same with the short ids the app is built with
  await fs.rm(dist, { recursive: true, force: true });
  await fs.mkdir(path.join(dist, 'icons'), { recursive: true });
  const assets = await buildApp(ids);
  assets.boot = await buildBoot(assets.roleChunks, assets.messageChunks);
  assets.firstLoad.push(assets.boot);
  for (const [name, bytes] of Object.entries(renderIcons())) {
    await fs.writeFile(path.join(dist, 'icons', name), bytes);
  }
  await fs.writeFile(path.join(dist, 'manifest.webmanifest'), JSON.stringify(manifest(), null, 2));
  await writeShell(assets);
  const precache = [
    '/index.html',
    assets.boot,
    assets.script,
    assets.style,
    ...assets.chunks,
    '/manifest.webmanifest',
    '/icons/icon-192.png',
    '/icons/apple-touch-icon.png',
  ];
  const version = await buildServiceWorker(precache);
  await gzipTextFiles(dist);
  const size = async (file) => (await fs.stat(path.join(dist, file + '.gz'))).size;
  // The first load in each language: the shell's files and that language's shell catalogue (boot.js
  // preloads it; the pseudo-locale is for tests and not counted). Written for the tests to check.
  const perLanguage = {};
  let firstLoad = 0;
  for (const file of assets.firstLoad) firstLoad += await size(file);
  for (const [locale, areas] of Object.entries(assets.messageChunks)) {
    if (locale !== 'en-XA') {
      const own = [areas.first].filter((file) => file && !assets.firstLoad.includes(file));
      let bytes = firstLoad;
      for (const file of own) bytes += await size(file);
      perLanguage[locale] = { bytes, files: own };
    }
  }
  await fs.writeFile(path.join(dist, 'first-load.json'), JSON.stringify({ files: assets.firstLoad, languages: perLanguage }, null, 2));
  const largest = Math.max(...Object.values(perLanguage).map((l) => l.bytes));
  if (largest > 60 * 1024) throw new Error(`first load ${(largest / 1024).toFixed(1)} KB in some language: over the 60 KB budget`);
  let chunks = 0;
  for (const file of assets.chunks) chunks += (await fs.stat(path.join(dist, file + '.gz'))).size;
  let carerHome = 0;
  for (const file of assets.roleChunks.carer) carerHome += (await fs.stat(path.join(dist, file + '.gz'))).size;
  const carerHomeWords = await size(assets.messageChunks['en-GB']['home-carer']);
  console.log(
    `frontend built: ${assets.script}, ${assets.style}, sw version ${version}; ` +
      `first load ${Object.entries(perLanguage).map(([l, { bytes }]) => `${l} ${(bytes / 1024).toFixed(1)}`).join(', ')} KB of JS+CSS gzipped (budget 60 KB); ` +
      `${assets.chunks.length} more chunks, ${(chunks / 1024).toFixed(1)} KB, fetched after sign-in ` +
      `(the carer's home needs ${(carerHome / 1024).toFixed(1)} KB of them, and ${(carerHomeWords / 1024).toFixed(1)} KB of words in English)`,
  );
}

await main();
