import { addWorkingDays, type IsoDate } from "@/lib/platform/time/working-days";
import { DECLARATION_WORKING_DAYS } from "@/lib/irve/declaration-deadline";
import { parisDay } from "@/lib/platform/time/paris-time";
import { AppError } from "@/lib/platform/errors";

export interface ChangeDeadline {
  effectiveOn: IsoDate;
  dueOn: IsoDate;
  declaredOn: IsoDate;
  /** Calendar days between the due date and the day of the declaration (0: in time). */
  daysLate: number;
}

/**
 * The 10-working-day rule (protocol §4.2 A) applied to a change declared now: due 10 working days
 * after the day of the change on the ground. A change in the future is refused: it is declared
 * once it happened.
 */
export function changeDeadline(effectiveOn: IsoDate, declaredAt: Date, path = "effectiveOn"): ChangeDeadline {
  const declaredOn = parisDay(declaredAt);
  if (effectiveOn > declaredOn)
    throw new AppError("INVALID_INPUT", "La date du changement est dans le futur.", [
      { path, message: "Date du changement ne peut pas être dans le futur : déclarez le changement une fois fait" },
    ]);
  const dueOn = addWorkingDays(effectiveOn, DECLARATION_WORKING_DAYS);
  const daysLate = declaredOn > dueOn ? Math.round((Date.parse(declaredOn) - Date.parse(dueOn)) / 86_400_000) : 0;
  return { effectiveOn, dueOn, declaredOn, daysLate };
}

/** A Date column (@db.Date) from a calendar day. */
export function dateColumn(day: IsoDate): Date {
  return new Date(`${day}T00:00:00Z`);
}
