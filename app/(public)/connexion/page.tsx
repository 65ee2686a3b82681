import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

export const metadata: Metadata = { title: "Connexion" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const params = await searchParams;
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion</h1>
        {params.motdepasse === "modifie" && (
          <div role="status" className="fr-mb-3w">
            <Alert
              severity="success"
              small
              description="Votre mot de passe a été modifié et vos sessions fermées : connectez-vous avec le nouveau mot de passe."
            />
          </div>
        )}
        <p>Connectez-vous avec l&apos;adresse e-mail et le mot de passe de votre compte.</p>
        {/* Only a path of this portal is followed (no open redirect); "/" sends each role to its home. */}
        <LoginForm callbackUrl={safeCallbackPath(params.callbackUrl) ?? "/"} />
      </div>
    </div>
  );
}
