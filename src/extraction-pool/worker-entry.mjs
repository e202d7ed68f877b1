// The pool's worker file. The service runs its TypeScript source under tsx, but
// worker threads are not given the loader of the thread that starts them (with
// `node --import tsx` nor under a test runner), so each worker registers it.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');

export default worker.default;
