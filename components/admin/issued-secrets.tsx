import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { CopyBlock } from "@/components/ui/copy-block";
import type { IssuedSecret } from "./secrets-state";

/** Secrets just created, each with its login, to hand over now: the portal keeps only hashes. */
export function IssuedSecrets({ secrets }: { secrets: IssuedSecret[] }) {
  return (
    <div className="fr-mb-3w" data-testid="issued-secrets">
      <Alert
        severity="warning"
        title="Copiez ces secrets maintenant : ils ne seront plus jamais affichés"
        description="Transmettez-les par un canal sûr. Le portail n'en conserve qu'une empreinte ; un secret perdu se remplace."
      />
      {secrets.map((s) => (
        <div key={s.login} className="fr-mt-2w">
          <p className="fr-mb-1w">
            {s.label} — identifiant : <code data-testid="issued-login">{s.login}</code>
          </p>
          <CopyBlock text={s.secret} label={`${s.label}, affiché une seule fois`} testId="issued-secret" />
        </div>
      ))}
    </div>
  );
}
