// Who looked at whose record (issue 15); filled in by its own change.
export function Audit() {
  return null;
}
