// The reports' charts (issue 16) are fetched only by the reports screen: in the build, the module
// reports-charts.js sits in a chunk that nothing imports statically, and only the reports screen's chunk
// imports it (with import()); so it is in neither the first load nor any role's home part.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

test('the charts are a chunk of their own, reached only by import() from the reports screen', async () => {
  const result = await esbuild.build({
    entryPoints: { app: path.join(root, 'src/main.js') },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: path.join(root, 'dist-test'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const holding = (module) =>
    Object.keys(outputs).filter((file) => Object.keys(outputs[file].inputs).some((input) => input.endsWith(module)));
  const [charts] = holding('screens/coordinator/reports-charts.js');
  const [screen] = holding('screens/coordinator/reports.js');
  assert.ok(charts && screen && charts !== screen);
  assert.deepEqual(Object.keys(outputs[charts].inputs).map((i) => path.basename(i)), ['reports-charts.js']);
  const importers = Object.entries(outputs).flatMap(([file, out]) =>
    out.imports.filter((i) => i.path === charts).map((i) => [file, i.kind]),
  );
  assert.deepEqual(importers, [[screen, 'dynamic-import']]);
});
