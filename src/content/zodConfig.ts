/**
 * zod compiles fast validators with `new Function` unless told not to, and probes for it when a
 * schema is built. The Content-Security-Policy forbids eval, so zod runs without that compiler.
 * Import this module before any module that builds schemas.
 */
import { config } from 'zod';

config({ jitless: true });
