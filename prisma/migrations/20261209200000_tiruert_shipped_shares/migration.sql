-- The renewable shares of electricity in France (issue 20, docs/tiruert.md) as Eurostat publishes
-- them: three decimals (dataset nrg_ind_ren, nrg_bal=REN_ELC, unit=PC, geo=FR). Shipped for the
-- years Eurostat had published at the 26 May 2026 extraction; a year already entered by the admin
-- is kept as it is. Every later change goes through the admin's page and the audit log.
ALTER TABLE "tiruert_renewable_share" ALTER COLUMN "share_percent" TYPE DECIMAL(6,3);

INSERT INTO "tiruert_renewable_share" ("year", "share_percent", "source", "updated_by")
SELECT v.year, v.share, 'Eurostat, jeu nrg_ind_ren (nrg_bal=REN_ELC, unit=PC, geo=FR), extraction du 26/05/2026 '
       || '(https://ec.europa.eu/eurostat/databrowser/view/nrg_ind_ren/default/table?lang=fr), lue dans la copie publique '
       || 'github.com/Alejandro440/renewable-energy-europe-2030, data/processed/data.csv (le site d''Eurostat n''était pas joignable '
       || 'depuis les machines du projet) : à vérifier sur Eurostat.', 'valeur livrée (migration 20261209200000)'
  FROM (VALUES (2021, 24.815), (2022, 27.360), (2023, 30.295), (2024, 31.344)) AS v(year, share)
ON CONFLICT ("year") DO NOTHING;
