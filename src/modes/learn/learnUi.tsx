import { ContentNotice } from '../../ui/ContentNotice.tsx';
import type { ModeUi } from '../../ui/modeUi.ts';
import { PlayerControls } from '../../ui/PlayerControls.tsx';
import { ProgressNotice } from '../../ui/ProgressNotice.tsx';
import { ProtocolBrief } from '../../ui/ProtocolBrief.tsx';
import { ProtocolImport } from '../../ui/ProtocolImport.tsx';
import { ProtocolPicker } from '../../ui/ProtocolPicker.tsx';
import { StepList } from '../../ui/StepList.tsx';
import { StepPanel } from '../../ui/StepPanel.tsx';
import { ZoneList } from '../../ui/ZoneList.tsx';
import { ZonePanel } from '../../ui/ZonePanel.tsx';
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
