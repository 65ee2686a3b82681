"use client";

import { useState } from "react";

/** A block of text to copy (a command, a secret) with a copy button announcing its result. */
export function CopyBlock({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [status, setStatus] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copié dans le presse-papiers.");
    } catch {
      setStatus("Copie impossible : sélectionnez le texte et copiez-le.");
    }
  };
  return (
    <div className="fr-mb-3w">
      <pre
        className="fr-p-2w"
        style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", background: "var(--background-alt-grey)" }}
        tabIndex={0}
        aria-label={label}
      >
        <code data-testid={testId}>{text}</code>
      </pre>
      <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-clipboard-line fr-btn--icon-left" onClick={() => void copy()}>
        Copier
      </button>
      <span className="fr-ml-2w fr-text--sm" role="status">
        {status}
      </span>
    </div>
  );
}
