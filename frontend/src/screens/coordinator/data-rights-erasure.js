// Requests to be deleted (issue 15); filled in by its own change.
export function ErasureRequests() {
  return null;
}

export function ErasurePage() {
  return null;
}
