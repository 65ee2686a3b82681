"use client";

import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useFocusOn } from "@/components/forms/use-focus-on";

const GENERIC = "Connexion impossible. Vérifiez votre adresse e-mail et votre mot de passe.";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // A refused login moves the focus to its message, as every form's error summary does.
  const errorRef = useFocusOn<HTMLDivElement>(error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      // authorize() throws French messages; next-auth's own codes get the generic one.
      const message = result?.error && !/^[A-Za-z]+$/.test(result.error) ? result.error : GENERIC;
      setError(message);
      return;
    }
    // A full navigation so the server layout renders with the new session.
    window.location.assign(callbackUrl);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={error ? "login-error" : undefined}>
      {error && (
        <div id="login-error" role="alert" className="fr-mb-3w" ref={errorRef} tabIndex={-1}>
          <Alert severity="error" title="Échec de la connexion" description={error} small={false} />
        </div>
      )}
      <Input label="Adresse e-mail" nativeInputProps={{ name: "email", type: "email", autoComplete: "username", required: true }} />
      <Input label="Mot de passe" nativeInputProps={{ name: "password", type: "password", autoComplete: "current-password", required: true }} />
      <Button type="submit" disabled={pending}>
        {pending ? "Connexion…" : "Se connecter"}
      </Button>
    </form>
  );
}
