-- Data quality per operational unit and per ADVENIR operator (issue 19, docs/data-quality.md,
-- docs/decisions/0027-data-quality-rules.md). Computed by lib/data-quality/compute-data-quality.ts
-- for one Paris day at a time; a recomputed day replaces its rows.

-- Per day, scope and rule: the rows checked, those breaking the rule, their share and the
-- verdict against the rule's tolerance at the time (kept with the row: a later change of a
-- tolerance does not rewrite the history). Aggregates per unit or operator: not individual data.
-- scope_kind 'unit': scope_code is the unit's code (first 5 characters of id_pdc_itinerance);
-- scope_kind 'operator': scope_code is the operator's id (its ADVENIR charges, by station).
CREATE TABLE "data_quality_result" (
    "day" DATE NOT NULL,
    "scope_kind" TEXT NOT NULL CHECK ("scope_kind" IN ('unit', 'operator')),
    "scope_code" TEXT NOT NULL,
    "operator_id" UUID NOT NULL REFERENCES "operator" ("id") ON DELETE CASCADE,
    "rule_code" TEXT NOT NULL,
    "checked" INT NOT NULL,
    "breaking" INT NOT NULL,
    "share" DOUBLE PRECISION NOT NULL,
    "tolerance" NUMERIC(7, 6) NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "data_quality_result_pkey" PRIMARY KEY ("day", "scope_kind", "scope_code", "rule_code")
);
CREATE INDEX "data_quality_result_operator_idx" ON "data_quality_result" ("operator_id", "day");

-- The rows breaking a rule (a point, a station, a charge, a status), at most a capped number per
-- day, scope and rule: what the operator downloads to correct its data. Individual data: emptied
-- by the end-of-programme purge.
CREATE TABLE "data_quality_offender" (
    "day" DATE NOT NULL,
    "scope_kind" TEXT NOT NULL,
    "scope_code" TEXT NOT NULL,
    "operator_id" UUID NOT NULL REFERENCES "operator" ("id") ON DELETE CASCADE,
    "rule_code" TEXT NOT NULL,
    "rank" INT NOT NULL,
    "ref" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3),
    "detail" TEXT NOT NULL,
    CONSTRAINT "data_quality_offender_pkey" PRIMARY KEY ("day", "scope_kind", "scope_code", "rule_code", "rank")
);
CREATE INDEX "data_quality_offender_operator_idx" ON "data_quality_offender" ("operator_id", "day");
