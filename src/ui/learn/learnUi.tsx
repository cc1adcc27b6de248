import { ContentNotice } from '../ContentNotice.tsx';
import type { ModeUi } from '../modeUi.ts';
import { PlayerControls } from '../PlayerControls.tsx';
import { ProgressNotice } from '../ProgressNotice.tsx';
import { ProtocolBrief } from '../ProtocolBrief.tsx';
import { ProtocolImport } from '../ProtocolImport.tsx';
import { ProtocolPicker } from '../ProtocolPicker.tsx';
import { StepList } from '../StepList.tsx';
import { StepPanel } from '../StepPanel.tsx';
import { ZoneList } from '../ZoneList.tsx';
import { ZonePanel } from '../ZonePanel.tsx';
import './learn.css';
import { ProtocolLibrary } from './ProtocolLibrary.tsx';
import { SafetyCheck } from './SafetyCheck.tsx';

/**
 * Learn (the default mode): find a protocol in the library (or pick it), read what to know before
 * it starts (cautions, position, schedule, where the sources differ), check what rules it or some
 * of its steps out, play it step by step with a session timer, explore the zones.
 */
function LearnPanels() {
  return (
    <>
      <ProgressNotice />
      <ContentNotice />
      <ProtocolLibrary />
      <ProtocolPicker />
      <ProtocolImport />
      <ProtocolBrief />
      <SafetyCheck />
      <PlayerControls />
      <StepPanel />
      <StepList />
      <ZonePanel />
      <ZoneList />
    </>
  );
}

export const learnUi: ModeUi = { Panels: LearnPanels };
