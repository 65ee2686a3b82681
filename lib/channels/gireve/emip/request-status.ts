// eMIP's requestStatus codes as the GIREVE door answers them (../shared/docs/GIREVE-EMIP.md,
// "Answers"; ADR 0023). The page gives the ranges, not which code of 10501–10508 means what: the
// choices are here, in one table, to change in one place if GIREVE's specification says otherwise.

export const REQUEST_STATUS = {
  ok: 1,
  /** An error of ours (the message is fine; the relay may retry). */
  unknownError: 10201,
  /** The message's operatorId is no operational unit of any operator of the portal. */
  unknownOperator: 10501,
  /** The EVSE is declared by another operator than the message's. */
  foreignOperator: 10502,
  /** The EVSE is no point of a consenting GIREVE dossier of the operator (or it is decommissioned). */
  unknownEvse: 10601,
  /** A final charge detail record was already received for this session, with other values. */
  finalAlreadyReceived: 10701,
} as const;

export type RequestStatus = (typeof REQUEST_STATUS)[keyof typeof REQUEST_STATUS];
