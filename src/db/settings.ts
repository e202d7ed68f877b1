/**
 * Postgres settings for an archive of millions of quotes, applied where the project
 * starts Postgres itself (the embedded default, docker-compose.yml) and measured by
 * `npm run bench:settings` (README, "Search at scale"):
 * - random_page_cost 1.1: the data is on SSD or in memory, where a random read costs
 *   about what a sequential one does; at 4 (the default, for spinning disks) the
 *   planner avoids index scans it should take.
 * - effective_io_concurrency 200: bitmap heap scans prefetch pages, as SSDs allow.
 * - jit off: reads here run in milliseconds, and compiling a plan costs tens of them
 *   whenever an estimate on a large table crosses jit_above_cost.
 */
export const ARCHIVE_SETTINGS = {
  random_page_cost: '1.1',
  effective_io_concurrency: '200',
  jit: 'off',
} as const;

/** The settings as `postgres` command-line flags. */
export function settingFlags(settings: Record<string, string> = ARCHIVE_SETTINGS): string[] {
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
