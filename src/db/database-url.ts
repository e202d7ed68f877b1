/** The URL of another database on the server `url` points at: same host, port and credentials. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
