-- pg-job.sql: job.sql for PostgreSQL: the nightly anonymization job
-- (CHECK_PERIOD = Yes) written by hand, set-based, as a database
-- administrator would write it for PostgreSQL, for the benchmark's
-- comparison with `anonymize-customers --pg` (bench/run, section pg).
-- The same setup, retention rule, five open-document checks, cap in the
-- order of No., log rows and placeholders as job.sql (the log rows and
-- the placeholders: pg-apply.sql, which follows it), and as little work:
-- no redact-pii, no leak check.
--
-- The dialect's differences from job.sql: psql stops at the first error
-- (ON_ERROR_STOP, set by bench/run), coalesce for ifnull, the cutoff by
-- date arithmetic; and the set-based form PostgreSQL plans well: each
-- check is a LEFT JOIN to the distinct customer numbers of its table (a
-- hash join, spilling to disk when it must), not an IN (subquery) in the
-- select list, which PostgreSQL runs as a subplan per row once the set
-- outgrows work_mem; the transactions are grouped by customer to their
-- latest date.  No. orders and compares by bytes, as in SQLite, because
-- the benchmark's database is collated "C" (tests/pg/with-cluster).
--
-- Expects a TEMP table p(today, now, usr, cap) (bench/run writes it
-- first), as job.sql does.  Runs without indexes on the customer keys.
BEGIN;

CREATE TEMP TABLE cutoff AS
SELECT to_char((SELECT today FROM p)::date - interval '3 years',
               'YYYY-MM-DD') AS d;

-- Customers inside both posting-group filters, not anonymized, with a
-- Last Date Modified.
CREATE TEMP TABLE sel AS
SELECT c."No." AS no, c."Last Date Modified" AS ldm
FROM "Customer" AS c
WHERE lower(coalesce(c."Anonymized", '')) NOT IN ('yes', 'true', '1')
  AND c."Customer Posting Group" IN ('DOMESTIC', 'EU', 'FOREIGN')
  AND c."Gen. Bus. Posting Group" <> 'INTERCOMP'
  AND coalesce(c."Last Date Modified", '') NOT IN ('', '0001-01-01');

-- Transactions: Cust. Ledger Entry, and Item Ledger Entry with Source
-- Type = Customer; each customer's latest posting date.
CREATE TEMP TABLE tx AS
SELECT no, max(d) AS last
FROM (SELECT "Customer No." AS no, substr("Posting Date", 1, 10) AS d
      FROM "Cust. Ledger Entry"
      WHERE coalesce("Customer No.", '') <> ''
        AND coalesce("Posting Date", '') NOT IN ('', '0001-01-01')
      UNION ALL
      SELECT "Source No.", substr("Posting Date", 1, 10)
      FROM "Item Ledger Entry"
      WHERE "Source Type" = 'Customer' AND coalesce("Source No.", '') <> ''
        AND coalesce("Posting Date", '') NOT IN ('', '0001-01-01')) AS t
GROUP BY no;

-- Retention: nothing posted after the cutoff; without any transaction,
-- Last Date Modified on or before the cutoff.
CREATE TEMP TABLE cand AS
SELECT s.no AS no
FROM sel AS s LEFT JOIN tx ON tx.no = s.no
WHERE CASE WHEN tx.no IS NULL
           THEN substr(s.ldm, 1, 10) <= (SELECT d FROM cutoff)
           ELSE tx.last <= (SELECT d FROM cutoff) END;

-- The open-document checks, each the set of customer numbers it holds
-- back.
CREATE TEMP TABLE checked AS
SELECT c.no AS no,
  sh.no IS NOT NULL AS r_sales,
  le.no IS NOT NULL AS r_ledger,
  jl.no IS NOT NULL AS r_journal,
  mm.no IS NOT NULL AS r_member,
  bt.no IS NOT NULL AS r_billto
FROM cand AS c
LEFT JOIN (SELECT "Sell-to Customer No." AS no FROM "Sales Header"
           UNION
           SELECT "Bill-to Customer No." FROM "Sales Header") AS sh
  ON sh.no = c.no
LEFT JOIN (SELECT DISTINCT "Customer No." AS no FROM "Cust. Ledger Entry"
           WHERE lower("Open") IN ('yes', 'true', '1')) AS le
  ON le.no = c.no
LEFT JOIN (SELECT DISTINCT "Account No." AS no FROM "Gen. Journal Line"
           WHERE "Account Type" = 'Customer') AS jl
  ON jl.no = c.no
LEFT JOIN (SELECT DISTINCT "Customer No." AS no
           FROM "NPR MM Membership") AS mm
  ON mm.no = c.no
LEFT JOIN (SELECT DISTINCT b."Bill-to Customer No." AS no
           FROM "Customer" AS b
           WHERE b."Bill-to Customer No." <> b."No."
             AND lower(coalesce(b."Anonymized", ''))
                 NOT IN ('yes', 'true', '1')) AS bt
  ON bt.no = c.no;

-- At most NO_OF_CUSTOMERS anonymized, in the order of No.; candidates
-- after the last one anonymized were not attempted.
CREATE TEMP TABLE target AS
SELECT no FROM checked
WHERE NOT (r_sales OR r_ledger OR r_journal OR r_member OR r_billto)
ORDER BY no LIMIT (SELECT cap FROM p);
CREATE TEMP TABLE attempted AS
SELECT * FROM checked
WHERE (SELECT count(*) FROM target) < (SELECT cap FROM p)
   OR no <= (SELECT max(no) FROM target);

-- Then pg-apply.sql: the log rows and the placeholders.
