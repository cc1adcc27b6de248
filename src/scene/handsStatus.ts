/** Which hands are drawn now (read by the test probe; written by `Hands`). */
export const handsStatus = { shown: 0, sides: '' };
