import type { AuthenticatedUser } from '../auth/authenticated-user.js';

/** Who is looking at cards: department rights decide which cards exist for them. */
export type CardViewer = Pick<AuthenticatedUser, 'id' | 'departmentId' | 'permissions'>;

/** With `cards.all_departments` every card is visible; otherwise those of one's department and those one is responsible for. */
export function seesAllDepartments(viewer: CardViewer): boolean {
  return viewer.permissions.includes('cards.all_departments');
}
