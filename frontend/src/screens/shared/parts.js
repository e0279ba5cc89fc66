// Hooks and checks the screens of more than one role share: the organisation I am looking at and its
// API prefix, and whether an API error is a 404.
import { ApiError } from '../../api.js';
import { currentOrganisation, useSession } from '../../session.js';

/** The organisation I'm looking at and its API prefix. */
export function useOrganisation() {
  const { me } = useSession();
  const organisation = currentOrganisation(me);
  return { organisation, base: organisation ? `/api/v1/orgs/${encodeURIComponent(organisation.slug)}` : null };
}

/** Whether ``error`` is the API saying there is no such thing (for me). */
export const isNotFound = (error) => error instanceof ApiError && error.status === 404;
