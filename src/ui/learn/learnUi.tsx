import { ContentNotice } from '../ContentNotice.tsx';
import type { ModeUi } from '../modeUi.ts';
import { PlayerControls } from '../PlayerControls.tsx';
import { ProgressNotice } from '../ProgressNotice.tsx';
import { ProtocolImport } from '../ProtocolImport.tsx';
import { ProtocolPicker } from '../ProtocolPicker.tsx';
import { StepList } from '../StepList.tsx';
import { StepPanel } from '../StepPanel.tsx';
import { ZoneList } from '../ZoneList.tsx';
import { ZonePanel } from '../ZonePanel.tsx';

/** Learn (the default mode): pick a protocol, play it step by step, explore the zones. */
function LearnPanels() {
  return (
    <>
      <ProgressNotice />
      <ContentNotice />
      <ProtocolPicker />
      <ProtocolImport />
      <PlayerControls />
      <StepPanel />
      <StepList />
      <ZonePanel />
      <ZoneList />
    </>
  );
}

export const learnUi: ModeUi = { Panels: LearnPanels };
