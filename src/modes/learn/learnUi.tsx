import { ContentNotice } from '../../ui/ContentNotice.tsx';
import type { ModeUi } from '../../ui/modeUi.ts';
import { PlayerControls, PlayerSettings } from '../../ui/PlayerControls.tsx';
import { ProgressNotice } from '../../ui/ProgressNotice.tsx';
import { ProtocolBrief } from '../../ui/ProtocolBrief.tsx';
import { ProtocolImport } from '../../ui/ProtocolImport.tsx';
import { ProtocolPicker } from '../../ui/ProtocolPicker.tsx';
import { SafetyCheck } from '../../ui/SafetyCheck.tsx';
import { StepList } from '../../ui/StepList.tsx';
import { StepPanel } from '../../ui/StepPanel.tsx';
import { ZoneList } from '../../ui/ZoneList.tsx';
import { ZonePanel } from '../../ui/ZonePanel.tsx';
import { FirstRunGuide } from './FirstRunGuide.tsx';
import './learn.css';
import { ProtocolLibrary } from './ProtocolLibrary.tsx';

/**
 * Learn (the default mode): play a protocol step by step (Play / Next and the step's words first,
 * so that they are on the first screen; the player's settings and session timer after them), the
 * step list beside them; then
 * the picker and the library to find another protocol (the first thing shown while none is
 * open), what to know before it starts (cautions, position, schedule, where the sources differ)
 * and what rules it or some of its steps out, import and export, the zones. A first visit opens
 * on a short guide.
 */
function LearnPanels() {
  return (
    <>
      <ProgressNotice />
      <ContentNotice />
      <FirstRunGuide />
      <PlayerControls />
      <StepPanel />
      <ZonePanel />
      <PlayerSettings />
      <StepList />
      <ProtocolPicker />
      <ProtocolLibrary />
      <ProtocolBrief />
      <SafetyCheck />
      <ProtocolImport />
      <ZoneList />
    </>
  );
}

export const learnUi: ModeUi = { Panels: LearnPanels };
