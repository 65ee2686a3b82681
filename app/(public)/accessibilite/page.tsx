import type { Metadata } from "next";
import Link from "next/link";
import { getEnv } from "@/lib/platform/env";

export const metadata: Metadata = { title: "Déclaration d'accessibilité" };

// The RGAA 4.1 template of an accessibility statement. No conformity audit has been made yet, so
// the state is "non conforme" (RGAA: a state other than that needs an audit); what is checked
// today and what is known not to work is said as it is. Update the date with each revision.
const ESTABLISHED_ON = "5 décembre 2026";

const CHECKED_PAGES = [
  "Accueil et connexion",
  "Espace bénéficiaire : dossiers, création et modification d'un dossier, attestation et récépissé, stations, données statiques IRVE, correction et retrait d'une station ou d'un point",
  "Espace opérateur : accueil et stations, envois et leur détail, anomalies, identifiants d'API, bac à sable",
  "Espace du comité de pilotage : indicateurs carbone et réseau, carte, déclarations en retard",
  "Administration : comptes, indicateurs, déclarations en retard, journal d'audit, purge des données individuelles",
  "Changement de mot de passe, pages d'erreur (accès refusé, page introuvable)",
];

export default function AccessibilityStatementPage() {
  const contact = getEnv().CONTACT_EMAIL;
  return (
    <>
      <h1>Déclaration d&apos;accessibilité</h1>
      <p>
        Le porteur du programme ADVENIR s&apos;engage à rendre ses services numériques accessibles, conformément à l&apos;article 47 de la loi n° 2005-102 du 11
        février 2005. Cette déclaration d&apos;accessibilité s&apos;applique au Portail de collecte ADVENIR.
      </p>

      <h2>État de conformité</h2>
      <p>
        Le Portail de collecte ADVENIR est <strong>non conforme</strong> avec le référentiel général d&apos;amélioration de l&apos;accessibilité (RGAA), version
        4.1 : aucun audit de conformité n&apos;a encore été réalisé. Le pied de page l&apos;indique (« Accessibilité : non conforme ») tant que cet audit
        n&apos;a pas eu lieu.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        En l&apos;absence d&apos;audit, aucun taux de conformité n&apos;est publié. À chaque évolution du portail, des tests automatisés (axe-core, dans le
        navigateur Chromium) vérifient chaque page, y compris les formulaires en erreur, et n&apos;acceptent aucune anomalie d&apos;impact grave ou critique.
        Ces tests ne couvrent qu&apos;une partie des critères du RGAA.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités connues</h3>
      <ul>
        <li>
          La carte des indicateurs (espace du comité) n&apos;est utilisable ni au clavier ni avec un lecteur d&apos;écran : la valeur d&apos;un département ne
          s&apos;affiche qu&apos;au survol de la souris. Le tableau de données placé sous la carte donne les mêmes valeurs, et l&apos;export CSV aussi.
        </li>
        <li>
          Les graphiques des indicateurs sont des images : leurs infobulles ne s&apos;affichent qu&apos;au survol. Chaque graphique est suivi de son tableau de
          données et d&apos;un export CSV.
        </li>
        <li>
          Le titre de la page ne signale pas qu&apos;un formulaire a été refusé ; le récapitulatif des erreurs, placé en haut du formulaire, prend le focus et
          relie chaque erreur à son champ.
        </li>
        <li>Le thème sombre et les paramètres d&apos;affichage du système de design de l&apos;État ne sont pas proposés.</li>
      </ul>
      <h3>Contenus non soumis à l&apos;obligation d&apos;accessibilité</h3>
      <ul>
        <li>
          La documentation technique de l&apos;API (<Link href="/docs/api">/docs/api</Link>) et ses exemples de commandes, destinés aux systèmes informatiques
          des opérateurs, sont fournis tels quels.
        </li>
      </ul>

      <h2>Établissement de cette déclaration d&apos;accessibilité</h2>
      <p>Cette déclaration a été établie le {ESTABLISHED_ON}.</p>
      <h3>Technologies utilisées pour la réalisation du portail</h3>
      <ul>
        <li>HTML5, CSS, JavaScript (React, Next.js)</li>
        <li>Système de design de l&apos;État (DSFR)</li>
        <li>SVG pour les graphiques et la carte</li>
      </ul>
      <h3>Environnement de test</h3>
      <ul>
        <li>Chromium (Debian) sous Linux, avec axe-core</li>
      </ul>
      <h3>Pages vérifiées par les tests automatisés</h3>
      <ul>
        {CHECKED_PAGES.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>

      <h2>Retour d&apos;information et contact</h2>
      <p>
        Si vous n&apos;arrivez pas à accéder à un contenu ou à un service, contactez le responsable du portail pour être orienté vers une alternative accessible
        ou obtenir le contenu sous une autre forme :{" "}
        {contact ? (
          <a href={`mailto:${contact}`}>{contact}</a>
        ) : (
          <>écrivez à l&apos;opérateur technique du portail, par l&apos;intermédiaire de votre interlocuteur ADVENIR</>
        )}
        .
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d&apos;accessibilité vous empêchant d&apos;accéder à un contenu ou à une fonctionnalité du portail, que vous nous le
        signalez et que vous ne parvenez pas à obtenir de réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au
        Défenseur des droits. Plusieurs moyens sont à votre disposition :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits par le{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/" rel="noopener">
            formulaire en ligne
          </a>{" "}
          ;
        </li>
        <li>
          contacter{" "}
          <a href="https://www.defenseurdesdroits.fr/saisir/delegues" rel="noopener">
            le délégué du Défenseur des droits dans votre région
          </a>{" "}
          ;
        </li>
        <li>appeler le 09 69 39 00 00 ;</li>
        <li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
      </ul>
    </>
  );
}
