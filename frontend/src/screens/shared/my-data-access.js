// Part of "Your data" (issue 15); filled in by its own change.
export function AccessLogSection() {
  return null;
}
