// Bringing records in (issue 16): the words of an import's counts, its problems per row and column,
// how each person was invited, and the in-person codes to print. Pure, so node tests read it.

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** The dry run's or the import's counts in one plain sentence. */
export function countsWords(summary) {
  if (!summary) return '';
  if (summary.status === 'imported') {
    const skipped = summary.rows_total - summary.rows_imported;
    return `${plural(summary.rows_imported, 'person was', 'people were')} brought in` +
      (skipped ? `; ${plural(skipped, 'row was', 'rows were')} skipped.` : '.');
  }
  if (summary.status === 'expired') return 'This check is more than 7 days old: upload the file again.';
  const parts = [`${plural(summary.rows_total, 'row', 'rows')} checked`, `${summary.rows_ready} ready to bring in`];
  if (summary.rows_with_errors) parts.push(`${plural(summary.rows_with_errors, 'row has', 'rows have')} problems`);
  if (summary.duplicates) parts.push(`${plural(summary.duplicates, 'duplicate', 'duplicates')}`);
  return `${parts.join(', ')}.`;
}

/** The rows with problems, each with its problems as "column: message" lines, in the file's order. */
export function problemRows(rows) {
  return (rows || [])
    .filter((row) => row.problems && row.problems.length)
    .map((row) => ({
      id: row.id,
      heading: `Row ${row.row_number}${row.name ? ` (${row.name})` : ''}`,
      duplicate: row.duplicate,
      lines: row.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)),
    }));
}

/** What became of one person in words: how they were invited, and whether they have joined. */
export function personState(row) {
  if (row.outcome === 'skipped') return 'Skipped: fix the row and upload it again.';
  if (row.outcome !== 'imported') return row.problems.length ? 'Has problems' : 'Ready';
  const how = row.invited_how ? `Invited ${row.invited_how}` : 'Invited';
  return row.joined ? `${how}. Joined.` : `${how}.`;
}

/** The printed sheet's lines: each person given a code to join in person (only right after confirming). */
export function codeSheet(rows) {
  return (rows || []).filter((row) => row.code).map((row) => ({ id: row.id, name: row.name, code: row.code }));
}

/** The kind of people a file brings in, in words. */
export const KIND_WORDS = { carer: 'Carers', buddy: 'Buddies' };
