import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { ReportScope } from "@/lib/data-quality/read-report";
import { formatDay, formatNumber } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";
import { formatShare } from "@/components/data-quality/format-share";

/** One scope's rules: code, rule and its explanation, tolerance, share, verdict, trend and the link to the rows breaking it. */
export function QualityReportTable(props: { scope: ReportScope; title: string; day: string; rowsHref: (ruleCode: string) => string }) {
  const { scope } = props;
  return (
    <DataTable
      caption={`${props.title} : règles au ${formatDay(props.day)}`}
      testId={`quality-${scope.kind}-${scope.code}`}
      multiline
      headers={["Code", "Règle", "Tolérance", "Part en défaut", "Verdict", "Tendance (jours précédents)", "Lignes en défaut"]}
      rowKeys={scope.rules.map((r) => r.rule.code)}
      rows={scope.rules.map(({ rule, result, trend }) => [
        <code key="c">{rule.code}</code>,
        <div key="r">
          <strong>{rule.label}</strong>
          <p className="fr-text--sm fr-mb-0">{rule.explanation}</p>
        </div>,
        formatShare(Number(rule.tolerance)),
        result ? `${formatShare(result.share)} (${formatNumber(result.breaking)} sur ${formatNumber(result.checked)})` : "—",
        result === null ? (
          <Badge key="v" as="span" severity="info" noIcon small>
            Rien à contrôler
          </Badge>
        ) : result.passed ? (
          <Badge key="v" as="span" severity="success" noIcon small>
            Respectée
          </Badge>
        ) : (
          <Badge key="v" as="span" severity="error" noIcon small>
            Non respectée
          </Badge>
        ),
        trend.length <= 1 ? (
          "—"
        ) : (
          <ol key="t" className="fr-raw-list fr-text--xs fr-mb-0">
            {trend.map((d) => (
              <li key={d.day}>
                {formatDay(d.day).slice(0, 5)} : {formatShare(d.share)} {d.passed ? "(respectée)" : "(non respectée)"}
              </li>
            ))}
          </ol>
        ),
        result && result.breaking > 0 ? (
          <a key="l" href={props.rowsHref(rule.code)} download>
            Télécharger (CSV)<span className="fr-sr-only"> les lignes en défaut de la règle {rule.code}</span>
          </a>
        ) : (
          "—"
        ),
      ])}
    />
  );
}
