// Filled in with the database set-up.
export default async function setup(): Promise<void> {}
