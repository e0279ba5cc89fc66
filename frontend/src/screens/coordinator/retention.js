// How long records are kept (issue 15); filled in by its own change.
export function Retention() {
  return null;
}
