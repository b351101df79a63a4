-- pg-job-indexed.sql: job-indexed.sql for PostgreSQL: the job of
-- pg-job.sql written for a database that has the customer-key indexes of
-- indexes.sql (bench/run creates them in PostgreSQL too): walk the
-- customers in the order of No. through the index on Customer("No."),
-- look each one's transactions and open documents up through the indexes
-- on the customer keys (LATERAL subqueries), and stop at the cap
-- (LIMIT).  Only the customers up to the last one anonymized are
-- examined.
--
-- The same results as pg-job.sql, and as job-indexed.sql in SQLite
-- (bench/run compares the logs): the same TEMP table p, the same
-- selection and retention rule, the same five checks, the same cap, the
-- same log rows and placeholders (pg-apply.sql follows it).  The walk
-- through the index on No. follows the order of No. by bytes, as in
-- SQLite, because the benchmark's database is collated "C"
-- (tests/pg/with-cluster): an ORDER BY with a COLLATE of its own would
-- not use the index.  JIT compilation off, as a database administrator
-- sets it for such a query: PostgreSQL judges whether to compile by the
-- plan's cost over the whole table, not by the few thousand customers the
-- LIMIT lets it walk, and spends a second compiling a walk of a fraction
-- of that.
SET jit = off;
BEGIN;

CREATE TEMP TABLE cutoff AS
SELECT to_char((SELECT today FROM p)::date - interval '3 years',
               'YYYY-MM-DD') AS d;

-- The candidates, in the order of No., with the five open-document
-- checks.  Each customer's transactions and documents are looked up
-- through the indexes on the customer keys, one LATERAL subquery a
-- table: an aggregate or a LIMIT 1, which PostgreSQL runs for each
-- customer as an index probe (an EXISTS in WHERE it may turn into an
-- anti-join over the whole table, which at the cap's few thousand
-- customers it mis-estimates into a nested loop over a materialized
-- scan).  A view: each query below walks the index on No. through it,
-- only as far as it needs.
CREATE TEMP VIEW checked AS
SELECT c."No." AS no,
  sh.hit IS NOT NULL AS r_sales,
  le.hit IS NOT NULL AS r_ledger,
  jl.hit IS NOT NULL AS r_journal,
  mm.hit IS NOT NULL AS r_member,
  bt.hit IS NOT NULL AS r_billto
FROM "Customer" AS c
-- The latest posting date of its transactions: Cust. Ledger Entry, and
-- Item Ledger Entry with Source Type = Customer.
CROSS JOIN LATERAL (
  SELECT max(substr(e."Posting Date", 1, 10)) AS d
  FROM "Cust. Ledger Entry" AS e
  WHERE e."Customer No." = c."No." AND e."Customer No." <> ''
    AND coalesce(e."Posting Date", '') NOT IN ('', '0001-01-01')) AS ct
CROSS JOIN LATERAL (
  SELECT max(substr(i."Posting Date", 1, 10)) AS d
  FROM "Item Ledger Entry" AS i
  WHERE i."Source No." = c."No." AND i."Source No." <> ''
    AND i."Source Type" = 'Customer'
    AND coalesce(i."Posting Date", '') NOT IN ('', '0001-01-01')) AS it
LEFT JOIN LATERAL (
  SELECT 1 AS hit FROM "Sales Header" AS h
  WHERE h."Sell-to Customer No." = c."No."
  UNION ALL
  SELECT 1 FROM "Sales Header" AS h
  WHERE h."Bill-to Customer No." = c."No."
  LIMIT 1) AS sh ON true
LEFT JOIN LATERAL (
  SELECT 1 AS hit FROM "Cust. Ledger Entry" AS e
  WHERE e."Customer No." = c."No."
    AND lower(e."Open") IN ('yes', 'true', '1')
  LIMIT 1) AS le ON true
LEFT JOIN LATERAL (
  SELECT 1 AS hit FROM "Gen. Journal Line" AS j
  WHERE j."Account No." = c."No." AND j."Account Type" = 'Customer'
  LIMIT 1) AS jl ON true
LEFT JOIN LATERAL (
  SELECT 1 AS hit FROM "NPR MM Membership" AS m
  WHERE m."Customer No." = c."No."
  LIMIT 1) AS mm ON true
LEFT JOIN LATERAL (
  SELECT 1 AS hit FROM "Customer" AS b
  WHERE b."Bill-to Customer No." = c."No."
    AND b."Bill-to Customer No." <> b."No."
    AND lower(coalesce(b."Anonymized", '')) NOT IN ('yes', 'true', '1')
  LIMIT 1) AS bt ON true
WHERE lower(coalesce(c."Anonymized", '')) NOT IN ('yes', 'true', '1')
  AND c."Customer Posting Group" IN ('DOMESTIC', 'EU', 'FOREIGN')
  AND c."Gen. Bus. Posting Group" <> 'INTERCOMP'
  AND coalesce(c."Last Date Modified", '') NOT IN ('', '0001-01-01')
  -- Retention: nothing posted after the cutoff; without any
  -- transaction, Last Date Modified on or before the cutoff.
  AND CASE WHEN ct.d IS NULL AND it.d IS NULL
           THEN substr(c."Last Date Modified", 1, 10) <= (SELECT d FROM cutoff)
           ELSE greatest(ct.d, it.d) <= (SELECT d FROM cutoff) END;

-- Up to the cap, those none of the checks holds back.
CREATE TEMP TABLE target AS
SELECT no FROM checked
WHERE NOT (r_sales OR r_ledger OR r_journal OR r_member OR r_billto)
ORDER BY no LIMIT (SELECT cap FROM p);

-- The last customer attempted: the last one anonymized when the cap was
-- reached, else every candidate was (the last customer).
CREATE TEMP TABLE reach AS
SELECT CASE WHEN count(*) < (SELECT cap FROM p)
            THEN (SELECT max("No.") FROM "Customer")
            ELSE max(no) END AS last
FROM target;

-- Every candidate up to there, with the checks that hold it back.
CREATE TEMP TABLE attempted AS
SELECT * FROM checked
WHERE no <= (SELECT last FROM reach)
ORDER BY no;

-- Then pg-apply.sql: the log rows and the placeholders.
