/** A JSON example, readable and reachable from the keyboard (the block scrolls). */
export function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      className="fr-p-2w"
      style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", background: "var(--background-alt-grey)" }}
      tabIndex={0}
      aria-label={label}
    >
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}
