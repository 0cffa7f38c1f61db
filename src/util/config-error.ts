/** A configuration problem a person can fix; reported as one line, exit code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
