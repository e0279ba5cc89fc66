// Write src/generated/vocabulary.js: the server's words for the caring situation and the wellbeing
// scale (src/carerlink/profiles/vocabulary.py, src/carerlink/checkins/wellbeing.py), printed by
// `python -m carerlink.app_words`. Run before every build and before the node tests, so the app's
// words always come from the one source; the file is not committed. The project's .venv (made by
// `make setup` before the app is built) is used when there is one, else CARERLINK_PYTHON or python3.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const project = path.dirname(frontend);
export const VOCABULARY_MODULE = path.join(frontend, 'src/generated/vocabulary.js');

function python() {
  if (process.env.CARERLINK_PYTHON) return process.env.CARERLINK_PYTHON;
  const venv = path.join(project, '.venv', process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  return fs.existsSync(venv) ? venv : 'python3';
}

/** Write the module (only when its words changed, so an unchanged build stays unchanged). */
export function writeVocabulary() {
  const source = execFileSync(python(), ['-m', 'carerlink.app_words'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: [path.join(project, 'src'), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) },
  });
  const current = fs.existsSync(VOCABULARY_MODULE) ? fs.readFileSync(VOCABULARY_MODULE, 'utf8') : null;
  if (current === source) return false;
  fs.mkdirSync(path.dirname(VOCABULARY_MODULE), { recursive: true });
  fs.writeFileSync(VOCABULARY_MODULE, source);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeVocabulary();
