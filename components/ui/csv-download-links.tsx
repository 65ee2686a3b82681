// The two CSV downloads of a table or chart (lib/platform/csv/format-csv.ts): French Excel and
// standard. Plain links, named by what they download for screen readers.
export function CsvDownloadLinks(props: { csv: { excel: string; standard: string }; title: string; className?: string }) {
  return (
    <ul className={props.className}>
      <li>
        <a className="fr-link fr-link--download" href={props.csv.excel} download>
          CSV pour Excel<span className="fr-link__detail">séparateur ; et virgule décimale</span>
          <span className="fr-sr-only"> ({props.title})</span>
        </a>
      </li>
      <li>
        <a className="fr-link fr-link--download" href={props.csv.standard} download>
          CSV standard<span className="fr-link__detail">séparateur , et point décimal</span>
          <span className="fr-sr-only"> ({props.title})</span>
        </a>
      </li>
    </ul>
  );
}
