// Copies of people's data (issue 15); filled in by its own change.
export function ExportRequests() {
  return null;
}

export function ExportPage() {
  return null;
}
