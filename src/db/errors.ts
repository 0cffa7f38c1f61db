/** The database could not be opened or reached; reported as one line, exit code 2. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** The database file is there but damaged, empty or not a database: refused, never re-seeded. */
export class DatabaseDamagedError extends DatabaseUnavailableError {
  override name = 'DatabaseDamagedError';
}
