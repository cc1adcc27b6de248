import type { CodeError } from '../domain/program.ts';
import type { UiKey } from '../i18n/i18n.ts';

/** The words for why a program or summary code (link, QR code) was refused. */
export const CODE_REASON: Readonly<Record<CodeError, UiKey>> = {
  empty: 'ui.code.empty',
  too_long: 'ui.code.tooLong',
  corrupt: 'ui.code.corrupt',
  checksum: 'ui.code.checksum',
  not_json: 'ui.code.corrupt',
  newer_version: 'ui.code.newer',
  invalid: 'ui.code.invalid',
};
