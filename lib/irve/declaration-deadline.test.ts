import { describe, expect, it } from "vitest";
import { declarationDeadline } from "@/lib/irve/declaration-deadline";

describe("declaration deadline", () => {
  it("gives 10 working days after commissioning, holidays skipped", () => {
    // commissioned Wed 2025-04-30: 1 and 8 May off → due Fri 2025-05-16
    const d = declarationDeadline({ commissionedOn: "2025-04-30", declaredAt: new Date("2025-05-16T21:30:00Z") });
    expect(d).toMatchObject({ eventKind: "mise_en_service", dueDate: "2025-05-16", declaredOn: "2025-05-16", late: false });
  });

  it("is late the day after the due date, in Paris time", () => {
    // 22:30 UTC on the 16th is already the 17th in Paris (UTC+2)
    const d = declarationDeadline({ commissionedOn: "2025-04-30", declaredAt: new Date("2025-05-16T22:30:00Z") });
    expect(d).toMatchObject({ declaredOn: "2025-05-17", late: true, daysLate: 1 });
  });

  it("counts from a later change rather than from commissioning", () => {
    const d = declarationDeadline({ commissionedOn: "2023-01-18", changedOn: "2025-03-28", declaredAt: new Date("2025-04-20T10:00:00Z") });
    // 2025-03-28 (Fri) + 10 working days → Fri 2025-04-11
    expect(d).toMatchObject({ eventKind: "modification", eventDate: "2025-03-28", dueDate: "2025-04-11", late: true, daysLate: 9 });
  });

  it("has no deadline without any date", () => {
    expect(declarationDeadline({ declaredAt: new Date() })).toBeNull();
  });
});
