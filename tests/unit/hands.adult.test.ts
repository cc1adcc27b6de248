/**
 * The hands of every step played on the adult body, each planned once for all its checks: grips,
 * whole passes, two hands apart (see handSteps.ts).
 */
import { defineHandStepTests } from './handSteps.ts';

defineHandStepTests('adult');
