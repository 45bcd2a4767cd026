// Runs the TypeScript core worker under tsx, for tests (the app runs the built JavaScript worker).
import { register } from 'tsx/esm/api';

register();
await import('../electron/core/worker/worker.ts');
