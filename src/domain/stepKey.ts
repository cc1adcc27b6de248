/** Identifies a protocol's step on a side (`protocolId/stepId/side`): framing, results and views are kept per step key. */
export function stepKey(protocolId: string, stepId: string, side: string): string {
  return `${protocolId}/${stepId}/${side}`;
}
