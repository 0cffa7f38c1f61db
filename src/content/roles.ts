/** The newsroom roles. A module of its own so the command's --help can list them without
 *  loading the user store (argon2, zod, the database layer). */
export const userRoles = ['admin', 'editor', 'writer'] as const;
export type UserRole = (typeof userRoles)[number];
