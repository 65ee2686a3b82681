import { addWorkingDays, type IsoDate } from "@/lib/platform/time/working-days";
import { parisDay } from "@/lib/platform/time/paris-time";

// Static data must be declared within 10 working days of commissioning or of any change
// (protocol §4.2 A). The event of a declaration is the later of the commissioning date and the
// update date (date_maj) it carries; it is late when it reached the portal after the due date.
export const DECLARATION_WORKING_DAYS = 10;

export interface Deadline {
  eventDate: IsoDate;
  eventKind: "mise_en_service" | "modification";
  dueDate: IsoDate;
  declaredOn: IsoDate;
  late: boolean;
  /** Calendar days between the due date and the declaration, when late. */
  daysLate: number;
}

export function declarationDeadline(input: { commissionedOn?: IsoDate | null; changedOn?: IsoDate | null; declaredAt: Date }): Deadline | null {
  const { commissionedOn, changedOn } = input;
  if (!commissionedOn && !changedOn) return null;
  const isChange = Boolean(changedOn && (!commissionedOn || changedOn > commissionedOn));
  const eventDate = (isChange ? changedOn : commissionedOn) as IsoDate;
  const dueDate = addWorkingDays(eventDate, DECLARATION_WORKING_DAYS);
  const declaredOn = parisDay(input.declaredAt);
  const late = declaredOn > dueDate;
  const daysLate = late ? Math.round((Date.parse(declaredOn) - Date.parse(dueDate)) / 86_400_000) : 0;
  return { eventDate, eventKind: isChange ? "modification" : "mise_en_service", dueDate, declaredOn, late, daysLate };
}
