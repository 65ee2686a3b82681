// French names of what the audit log records (lib/audit/record-audit.ts callers). An action not
// listed here shows its code: nothing is hidden.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "login.succeeded": "Connexion réussie",
  "login.failed": "Échec de connexion",
  "user.created": "Compte créé",
  "user.disabled": "Compte désactivé",
  "user.enabled": "Compte réactivé",
  "user.password_reset": "Mot de passe renouvelé par l'administration",
  "user.password_changed": "Mot de passe changé par son titulaire",
  "user.password_change_failed": "Échec de changement de mot de passe",
  "beneficiary.created": "Bénéficiaire créé",
  "operator.created": "Opérateur créé",
  "api_credential.created": "Accès API créé",
  "api_credential.created_by_rotation": "Accès API créé par renouvellement",
  "api_credential.revoked": "Accès API révoqué",
  "api_credential.rotated": "Accès API remplacé (renouvellement)",
  "api_unit.created": "Unité opérationnelle (API QualiCharge) créée",
  "api_unit.updated": "Unité opérationnelle (API QualiCharge) renommée",
  "api_group.created": "Groupe d'API QualiCharge créé",
  "api_group.updated": "Groupe d'API QualiCharge modifié",
  "api_user.created": "Utilisateur d'API QualiCharge créé",
  "api_user.updated": "Utilisateur d'API QualiCharge modifié",
  "api_user.password_reset": "Mot de passe d'un utilisateur d'API QualiCharge renouvelé",
  "api_user.disabled": "Utilisateur d'API QualiCharge désactivé",
  "api_user.enabled": "Utilisateur d'API QualiCharge réactivé",
  "dossier.created": "Dossier créé",
  "dossier.updated": "Dossier modifié",
  "attestation.signed": "Attestation signée",
  "attestation.signed_on_behalf": "Attestation signée pour le compte du bénéficiaire",
  "stations.registered": "Stations déclarées",
  "station.corrected": "Station corrigée",
  "station.withdrawn": "Station retirée",
  "charge_point.withdrawn": "Point de charge retiré",
  "irve.declared": "Données statiques IRVE déclarées",
  "sandbox.wiped": "Bac à sable vidé",
  "carbon_series.imported": "Série carbone importée",
  "donnees_individuelles:purge": "Purge des données individuelles",
};

export const AUDIT_TARGET_LABELS: Record<string, string> = {
  user: "Compte",
  beneficiary: "Bénéficiaire",
  operator: "Opérateur",
  api_credential: "Accès API",
  operational_unit: "Unité opérationnelle",
  api_group: "Groupe d'API",
  api_user: "Utilisateur d'API",
  dossier: "Dossier",
  station: "Station",
  charge_point: "Point de charge",
  carbon_series: "Série carbone",
  programme: "Programme",
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
