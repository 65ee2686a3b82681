// A status as stored (status_event or charge_point_status), with its point's id_pdc_itinerance.

export interface StoredStatus {
  idPdcItinerance: string;
  etatPdc: string;
  occupationPdc: string;
  horodatage: Date;
  etatPriseType2: string | null;
  etatPriseTypeComboCcs: string | null;
  etatPriseTypeChademo: string | null;
  etatPriseTypeEf: string | null;
}

export interface StoredStatusRow {
  id_pdc_itinerance: string;
  etat_pdc: string;
  occupation_pdc: string;
  horodatage: Date | string;
  etat_prise_type_2: string | null;
  etat_prise_type_combo_ccs: string | null;
  etat_prise_type_chademo: string | null;
  etat_prise_type_ef: string | null;
}

/** The columns of a StoredStatusRow, read from a status table aliased `s` joined to charge_point `cp`. */
export const STORED_STATUS_COLUMNS = `cp.id_pdc_itinerance, s.etat_pdc, s.occupation_pdc, s.horodatage,
  s.etat_prise_type_2, s.etat_prise_type_combo_ccs, s.etat_prise_type_chademo, s.etat_prise_type_ef`;

export function storedStatus(row: StoredStatusRow): StoredStatus {
  return {
    idPdcItinerance: row.id_pdc_itinerance,
    etatPdc: row.etat_pdc,
    occupationPdc: row.occupation_pdc,
    horodatage: new Date(row.horodatage),
    etatPriseType2: row.etat_prise_type_2,
    etatPriseTypeComboCcs: row.etat_prise_type_combo_ccs,
    etatPriseTypeChademo: row.etat_prise_type_chademo,
    etatPriseTypeEf: row.etat_prise_type_ef,
  };
}
