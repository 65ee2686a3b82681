import { randomBytes } from "node:crypto";

/** A valid Statique of QualiCharge's documentation (Fastned, Magneux), its ids in `unit`. */
export function statiqueItem(unit: string, overrides: Record<string, unknown> = {}, ids: { station?: string; point?: string } = {}): Record<string, unknown> {
  const station = ids.station ?? randomBytes(4).toString("hex").toUpperCase();
  const point = ids.point ?? `${station}01`;
  return {
    nom_amenageur: "Fastned France",
    siren_amenageur: "853300010",
    contact_amenageur: "support@fastned.nl",
    nom_operateur: "Fastned France",
    contact_operateur: "support@fastned.nl",
    telephone_operateur: "tel:+33-1-84-71-00-62",
    nom_enseigne: "Fastned Aire de la Plaine du Forez Est",
    id_station_itinerance: `${unit}P${station}`,
    id_station_local: `${unit}P${station}`,
    nom_station: "Fastned Aire de la Plaine du Forez Est",
    implantation_station: "Station dédiée à la recharge rapide",
    adresse_station: "Aire de la Plaine du Forez A72, 42600 Magneux",
    code_insee_commune: "42130",
    coordonneesXY: "[4.156034, 45.679959]",
    nbre_pdc: 2,
    id_pdc_itinerance: `${unit}E${point}`,
    id_pdc_local: `${unit}E${point}`,
    puissance_nominale: 150.0,
    prise_type_ef: false,
    prise_type_2: true,
    prise_type_combo_ccs: true,
    prise_type_chademo: true,
    prise_type_autre: true,
    gratuit: false,
    paiement_acte: true,
    paiement_cb: true,
    paiement_autre: true,
    tarification: "0,40€ par KWh pour les non abonnés",
    condition_acces: "Accès libre",
    reservation: false,
    horaires: "24/7",
    accessibilite_pmr: "Accessible mais non réservé PMR",
    restriction_gabarit: "Hauteur maximale 3m",
    station_deux_roues: false,
    raccordement: "Direct",
    num_pdl: "00001234567890",
    date_mise_en_service: "2022-12-02",
    observations: "Néant",
    date_maj: "2024-06-04",
    cable_t2_attache: true,
    ...overrides,
  };
}

/** `count` points of one station (same station fields), ids `<unit>E<station>01`, `…02`… */
export function stationItems(unit: string, count: number, overrides: Record<string, unknown> = {}): Record<string, unknown>[] {
  const station = randomBytes(4).toString("hex").toUpperCase();
  return Array.from({ length: count }, (_, i) =>
    statiqueItem(unit, { nbre_pdc: count, ...overrides }, { station, point: `${station}${String(i + 1).padStart(2, "0")}` }),
  );
}
