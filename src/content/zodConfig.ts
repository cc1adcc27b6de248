/**
 * zod compiles fast validators with `new Function` unless told not to, and probes for it when a
 * schema is built. The Content-Security-Policy forbids eval, so zod runs without that compiler.
 * Imported first by the modules that build schemas (`schema.ts`, `src/domain/progress.ts`).
 */
import { config } from 'zod';

config({ jitless: true });
