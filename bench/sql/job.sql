-- job.sql: the nightly anonymization job (CHECK_PERIOD = Yes) written by
-- hand in SQL, as a database administrator would, for the benchmark's
-- comparison with custanon (bench/run).  It does what SPEC section 1
-- asks of the job with the setup the benchmark's company holds
-- (Anonymize After 3Y, Customer Posting Group Filter DOMESTIC|EU|FOREIGN,
-- Gen. Bus. Posting Group Filter <>INTERCOMP): the same retention rule,
-- the same five open-document checks, the same cap in the order of No.,
-- the same log rows and the same placeholders as the default rules in
-- pipelines/rules (the log rows and the placeholders: apply.sql, which
-- follows it).  What it does not do: the free-text columns that the
-- default rules pass through redact-pii (Description, Your Reference,
-- Posting Description, Work Description) are left as they are, as SQL
-- has no PII detector, and no leak check is made.  It thus does less
-- work than custanon.
--
-- Expects a TEMP table p(today, now, usr, cap) (bench/run writes it
-- first): today's date, the moment of the run (ISO 8601), the user for
-- the log, NO_OF_CUSTOMERS.  Every query is set-based (IN over
-- non-correlated subqueries, GROUP BY), so that it runs in one pass per
-- table with or without indexes on the customer keys.
.bail on
BEGIN IMMEDIATE;

CREATE TEMP TABLE cutoff AS SELECT date((SELECT today FROM p), '-3 years') AS d;

-- Customers inside both posting-group filters, not anonymized, with a
-- Last Date Modified.
CREATE TEMP TABLE sel AS
SELECT c."No." AS no, c."Last Date Modified" AS ldm
FROM main."Customer" AS c
WHERE lower(ifnull(c."Anonymized", '')) NOT IN ('yes', 'true', '1')
  AND c."Customer Posting Group" IN ('DOMESTIC', 'EU', 'FOREIGN')
  AND c."Gen. Bus. Posting Group" <> 'INTERCOMP'
  AND ifnull(c."Last Date Modified", '') NOT IN ('', '0001-01-01');

-- Transactions: Cust. Ledger Entry, and Item Ledger Entry with Source
-- Type = Customer.
CREATE TEMP TABLE tx AS
SELECT "Customer No." AS no, substr("Posting Date", 1, 10) AS d
FROM main."Cust. Ledger Entry"
WHERE ifnull("Customer No.", '') <> ''
  AND ifnull("Posting Date", '') NOT IN ('', '0001-01-01')
UNION ALL
SELECT "Source No.", substr("Posting Date", 1, 10)
FROM main."Item Ledger Entry"
WHERE "Source Type" = 'Customer' AND ifnull("Source No.", '') <> ''
  AND ifnull("Posting Date", '') NOT IN ('', '0001-01-01');

-- Retention: nothing posted after the cutoff; without any transaction,
-- Last Date Modified on or before the cutoff.
CREATE TEMP TABLE cand AS
SELECT s.no AS no
FROM sel AS s
WHERE s.no NOT IN (SELECT no FROM tx WHERE d > (SELECT d FROM cutoff))
  AND (substr(s.ldm, 1, 10) <= (SELECT d FROM cutoff)
       OR s.no IN (SELECT no FROM tx));

-- The open-document checks, each a set of customer numbers.
CREATE TEMP TABLE checked AS
SELECT c.no AS no,
  (c.no IN (SELECT "Sell-to Customer No." FROM main."Sales Header")
   OR c.no IN (SELECT "Bill-to Customer No." FROM main."Sales Header"))
    AS r_sales,
  c.no IN (SELECT "Customer No." FROM main."Cust. Ledger Entry"
           WHERE lower("Open") IN ('yes', 'true', '1')) AS r_ledger,
  c.no IN (SELECT "Account No." FROM main."Gen. Journal Line"
           WHERE "Account Type" = 'Customer') AS r_journal,
  c.no IN (SELECT "Customer No." FROM main."NPR MM Membership")
    AS r_member,
  c.no IN (SELECT b."Bill-to Customer No." FROM main."Customer" AS b
           WHERE b."Bill-to Customer No." <> b."No."
             AND lower(ifnull(b."Anonymized", ''))
                 NOT IN ('yes', 'true', '1')) AS r_billto
FROM cand AS c;

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

-- Then apply.sql: the log rows and the placeholders.
