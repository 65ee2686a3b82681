import { createHash } from "node:crypto";

// The attestation sur l'honneur a beneficiary signs for each dossier. Every version ever shown
// stays here unchanged: a signature records the version and the SHA-256 of its exact text, so
// what was agreed can be proven later. A new wording is a new version, never an edit.

const TEXTS = {
  "2026-11-v1": `ATTESTATION SUR L'HONNEUR ET CONSENTEMENT À L'UTILISATION DES DONNÉES DE RECHARGE
Programme ADVENIR — version 2026-11-v1

Je soussigné(e), agissant au nom et pour le compte du bénéficiaire du dossier ADVENIR auquel se rapporte la présente attestation, déclare sur l'honneur :

1. Avoir la capacité d'engager le bénéficiaire, en vertu de mes fonctions ou d'une délégation dont je peux justifier sur demande.

2. Consentir à ce que les données de recharge des points de charge des stations déclarées dans ce dossier (énergie délivrée, début et fin de charge, courbes de charge, disponibilité des points) soient transmises au programme ADVENIR par l'opérateur de supervision de ces points, directement ou par l'intermédiaire de GIREVE.

3. Avoir été informé(e) que ces données sont utilisées aux seules fins du programme ADVENIR : mesurer l'impact carbone de la recharge des véhicules électriques, mesurer son impact sur le réseau public de distribution d'électricité et mesurer la qualité de service des points de charge. Elles ne sont utilisées à aucune autre fin.

4. Avoir été informé(e) que ces données sont strictement confidentielles : les données individuelles ne sont consultées que par l'opérateur technique du programme ; elles ne sont publiées que sous forme d'indicateurs agrégés et anonymes, ne permettant d'identifier ni une station ni un bénéficiaire ; elles sont supprimées à la fin du programme, seuls les indicateurs agrégés étant conservés.

5. M'engager à informer le programme ADVENIR de tout changement d'opérateur de supervision ou de toute modification des stations déclarées.
`,
} as const;

export type AttestationTextVersion = keyof typeof TEXTS;

/** The version shown to signers today. */
export const ATTESTATION_TEXT_VERSION: AttestationTextVersion = "2026-11-v1";
export const ATTESTATION_TEXT: string = TEXTS[ATTESTATION_TEXT_VERSION];

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export const ATTESTATION_TEXT_SHA256: string = sha256Hex(ATTESTATION_TEXT);

/** A past or current version's text, to display what a signer agreed to. */
export function attestationText(version: string): { version: string; text: string; sha256: string } | undefined {
  if (!Object.hasOwn(TEXTS, version)) return undefined;
  const text = TEXTS[version as AttestationTextVersion];
  return { version, text, sha256: sha256Hex(text) };
}
