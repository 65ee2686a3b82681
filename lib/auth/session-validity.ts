/**
 * Whether a session opened at `loginAt` (ms since the epoch; unknown for sessions opened before
 * this was recorded) is still valid against the account's cut-off (set when it was disabled).
 */
export function sessionStillValid(loginAt: number | undefined, validFrom: Date | null): boolean {
  return validFrom === null || (loginAt !== undefined && loginAt >= validFrom.getTime());
}
