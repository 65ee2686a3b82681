-- EPCI reference data (issue 19, docs/decisions/0032-epci-reference.md): the EPCIs à fiscalité
-- propre of 2024 and each commune's EPCI, a second partition of the communes that crosses
-- départements, for the quality of service by EPCI. Loaded by lib/reference-data from
-- data/geo/epci-2024.csv and data/geo/communes-epci-2024.csv.gz.
CREATE TABLE "epci" (
    -- Its SIREN.
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    -- CC, CA, CU, METRO, or MET69 (Métropole de Lyon).
    "nature" TEXT NOT NULL,

    CONSTRAINT "epci_pkey" PRIMARY KEY ("code")
);

-- Null for the communes in no EPCI (islands of one commune) until the reference data is loaded.
ALTER TABLE "commune" ADD COLUMN "epci_code" TEXT;

CREATE INDEX "commune_epci_code_idx" ON "commune"("epci_code");

ALTER TABLE "commune" ADD CONSTRAINT "commune_epci_code_fkey" FOREIGN KEY ("epci_code") REFERENCES "epci"("code") ON DELETE SET NULL ON UPDATE CASCADE;
