/** The URL of another database on the server `url` points at: same host, port and credentials. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A database URL fit to show: without its password. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}
