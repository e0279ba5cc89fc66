// The screens' folders (README "frontend/"): each role's screens import their own folder and shared/
// only, and shared/ imports no role's folder, so one role's screens change without touching another's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const screens = fileURLToPath(new URL('../src/screens/', import.meta.url));
const ROLES = ['carer', 'buddy', 'coordinator'];

test("no screen imports another role's folder", () => {
  const crossings = [];
  for (const folder of [...ROLES, 'shared']) {
    for (const file of fs.readdirSync(path.join(screens, folder))) {
      const source = fs.readFileSync(path.join(screens, folder, file), 'utf8');
      for (const [, spec] of source.matchAll(/from '(\.[^']+)'/g)) {
        const target = path.relative(screens, path.resolve(screens, folder, spec)).split(path.sep)[0];
        if (ROLES.includes(target) && target !== folder) crossings.push(`${folder}/${file} → ${spec}`);
      }
    }
  }
  assert.deepEqual(crossings, []);
});
