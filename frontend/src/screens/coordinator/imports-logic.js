// Bringing records in (issue 16): the words of an import's counts, its problems (errors, which skip a
// row) and warnings (worth a look; the row still comes in) per row and column, how each person was
// invited, and the in-person codes to print. Pure, so node tests read it.
import { t } from '../../i18n.js';

/** The dry run's or the import's counts in one plain sentence. */
export function countsWords(summary) {
  if (!summary) return '';
  if (summary.status === 'imported') {
    return t('running.imports.countsImported', {
      imported: summary.rows_imported,
      skipped: summary.rows_total - summary.rows_imported,
    });
  }
  if (summary.status === 'expired') return t('running.imports.countsExpired');
  return t('running.imports.countsChecked', {
    total: summary.rows_total,
    ready: summary.rows_ready,
    errors: summary.rows_with_errors || 0,
    duplicates: summary.duplicates || 0,
  });
}

const rowHeading = (row) =>
  row.name
    ? t('running.imports.rowNamed', { row: String(row.row_number), name: row.name })
    : t('running.imports.row', { row: String(row.row_number) });

const lineOf = (p) => (p.column ? t('running.imports.problemLine', { column: p.column, message: p.message }) : p.message);

/**
 * The rows with problems (errors: the row is skipped), each with its problems as "column: message"
 * lines, in the file's order; a skipped row's warnings come after its errors, to fix them together.
 */
export function problemRows(rows) {
  return (rows || [])
    .filter((row) => row.problems && row.problems.length)
    .map((row) => ({
      id: row.id,
      heading: rowHeading(row),
      duplicate: row.duplicate,
      lines: [...row.problems, ...(row.warnings || [])].map(lineOf),
    }));
}

/** The rows without errors that have something worth a look (a shared phone number): still brought in. */
export function warningRows(rows) {
  return (rows || [])
    .filter((row) => !(row.problems && row.problems.length) && row.warnings && row.warnings.length)
    .map((row) => ({ id: row.id, heading: rowHeading(row), lines: row.warnings.map(lineOf) }));
}

/** What became of one person in words: how they were invited, and whether they have joined. */
export function personState(row) {
  if (row.outcome === 'skipped') return t('running.imports.skipped');
  if (row.outcome !== 'imported') return row.problems.length ? t('running.imports.hasProblems') : t('running.imports.ready');
  if (row.text_not_sent && !row.joined) return t('running.imports.textNotSent');
  if (row.invited_how) {
    return row.joined
      ? t('running.imports.invitedHowJoined', { how: row.invited_how })
      : t('running.imports.invitedHow', { how: row.invited_how });
  }
  return row.joined ? t('running.imports.invitedJoined') : t('running.imports.invited');
}

/** The printed sheet's lines: each person given a code to join in person (only right after confirming). */
export function codeSheet(rows) {
  return (rows || []).filter((row) => row.code).map((row) => ({ id: row.id, name: row.name, code: row.code }));
}

/** The kind of people a file brings in, in words ("Carers", "Buddies"). */
export function kindWords(kind) {
  if (kind === 'carer') return t('running.imports.carers');
  if (kind === 'buddy') return t('running.imports.buddies');
  return kind;
}
