import type { Locale } from '../../content/schema.ts';
import { translator } from '../../i18n/i18n.ts';

/** The BCP 47 tag the speech engine is asked for, from the locale's own table. */
const speechLang = (locale: Locale) => translator(locale)('ui.lang.speech');

/** The speech engine, or null where the browser has none. */
function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window
    ? window.speechSynthesis
    : null;
}

/** Whether narration can be offered at all (the Web Speech API is present). */
export function speechAvailable(): boolean {
  return synth() !== null && typeof SpeechSynthesisUtterance !== 'undefined';
}

/** A voice for the locale's language, or null when the device has none. */
function voiceFor(locale: Locale): SpeechSynthesisVoice | null {
  const s = synth();
  if (!s) return null;
  const lang = speechLang(locale).toLowerCase();
  const short = lang.slice(0, 2);
  const voices = s.getVoices();
  return (
    voices.find((v) => v.lang.toLowerCase() === lang) ??
    voices.find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(short)) ??
    null
  );
}

/** Whether the device can read the locale's language aloud (voices may arrive later). */
export function hasVoice(locale: Locale): boolean {
  return speechAvailable() && voiceFor(locale) !== null;
}

/** Calls `listener` when the device's list of voices changes; returns the unsubscribe. */
export function onVoicesChanged(listener: () => void): () => void {
  const s = synth();
  if (!s) return () => undefined;
  s.addEventListener('voiceschanged', listener);
  return () => s.removeEventListener('voiceschanged', listener);
}

/** Reads `text` aloud in the locale's language, replacing anything being read; silent without a voice. */
export function speak(text: string, locale: Locale): void {
  const s = synth();
  if (!s || !speechAvailable()) return;
  const voice = voiceFor(locale);
  if (!voice) return;
  s.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.voice = voice;
  u.lang = speechLang(locale);
  s.speak(u);
}

/** Stops reading. */
export function hush(): void {
  synth()?.cancel();
}
