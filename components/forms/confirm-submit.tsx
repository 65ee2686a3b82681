"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A destructive submit in two steps: the first button asks, the confirmation button (focused
 * when it appears) submits the surrounding form with `name=value`; "Annuler" goes back.
 */
export function ConfirmSubmit({
  label,
  question,
  confirmLabel,
  name,
  value,
  disabled,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  name: string;
  value: string;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button ref={askRef} type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  return (
    <span className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm" role="group" aria-label={question}>
      <span className="fr-text--sm fr-mb-1v fr-mr-1w">{question}</span>
      <button ref={confirmRef} type="submit" name={name} value={value} className="fr-btn fr-btn--sm" disabled={disabled}>
        {confirmLabel}
      </button>
      <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setAsking(false)}>
        Annuler
      </button>
    </span>
  );
}
