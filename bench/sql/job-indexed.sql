-- job-indexed.sql: the nightly anonymization job of job.sql (CHECK_PERIOD
-- = Yes), written as a database administrator would write it for a
-- database that has the customer-key indexes of indexes.sql: walk the
-- customers in the order of No. through the index on Customer("No."),
-- look each one's transactions and open documents up through the indexes
-- on the customer keys (correlated EXISTS / NOT EXISTS), and stop at the
-- cap (LIMIT).  Only the customers up to the last one anonymized are
-- examined, not every customer.
--
-- Same semantics and the same results as job.sql (bench/sql/check-indexed
-- compares every table after both): the same TEMP table p(today, now,
-- usr, cap), the same selection and retention rule, the same five
-- open-document checks, the same cap in the order of No., the same log
-- rows (every candidate up to the last one anonymized, or every candidate
-- when the cap is not reached; the same reasons in the same order; Entry
-- No. numbered on from the log's largest) and the same placeholders: the
-- UPDATEs are apply.sql's, shared with job.sql, which with the indexes look
-- each target up.
-- It does as little as job.sql does (no redact-pii, no leak check).
-- Without the indexes it still gives the same results, slowly.  (One
-- difference in principle: where a key column holds NULL, job.sql's IN
-- can be NULL where EXISTS is false; tables .imported from CSV hold none.)
.bail on
BEGIN IMMEDIATE;

CREATE TEMP TABLE cutoff AS SELECT date((SELECT today FROM p), '-3 years') AS d;

-- The candidates, in the order of No.: inside both posting-group
-- filters, not anonymized, with a Last Date Modified; nothing posted
-- after the cutoff (a Cust. Ledger Entry, or an Item Ledger Entry with
-- Source Type = Customer), and without any transaction Last Date Modified
-- on or before the cutoff; with the five open-document checks, each
-- looked up through its index.  A view: each query below walks the index
-- on No. through it, only as far as it needs.
CREATE TEMP VIEW checked AS
SELECT c."No." AS no,
  (EXISTS (SELECT 1 FROM main."Sales Header" AS h
           WHERE h."Sell-to Customer No." = c."No.")
   OR EXISTS (SELECT 1 FROM main."Sales Header" AS h
              WHERE h."Bill-to Customer No." = c."No.")) AS r_sales,
  EXISTS (SELECT 1 FROM main."Cust. Ledger Entry" AS e
          WHERE e."Customer No." = c."No."
            AND lower(e."Open") IN ('yes', 'true', '1')) AS r_ledger,
  EXISTS (SELECT 1 FROM main."Gen. Journal Line" AS j
          WHERE j."Account No." = c."No."
            AND j."Account Type" = 'Customer') AS r_journal,
  EXISTS (SELECT 1 FROM main."NPR MM Membership" AS m
          WHERE m."Customer No." = c."No.") AS r_member,
  EXISTS (SELECT 1 FROM main."Customer" AS b
          WHERE b."Bill-to Customer No." = c."No."
            AND b."Bill-to Customer No." <> b."No."
            AND lower(ifnull(b."Anonymized", ''))
                NOT IN ('yes', 'true', '1')) AS r_billto
FROM main."Customer" AS c
WHERE lower(ifnull(c."Anonymized", '')) NOT IN ('yes', 'true', '1')
  AND c."Customer Posting Group" IN ('DOMESTIC', 'EU', 'FOREIGN')
  AND c."Gen. Bus. Posting Group" <> 'INTERCOMP'
  AND ifnull(c."Last Date Modified", '') NOT IN ('', '0001-01-01')
  AND NOT EXISTS (SELECT 1 FROM main."Cust. Ledger Entry" AS e
                  WHERE e."Customer No." = c."No." AND e."Customer No." <> ''
                    AND ifnull(e."Posting Date", '') NOT IN ('', '0001-01-01')
                    AND substr(e."Posting Date", 1, 10) > (SELECT d FROM cutoff))
  AND NOT EXISTS (SELECT 1 FROM main."Item Ledger Entry" AS i
                  WHERE i."Source No." = c."No." AND i."Source No." <> ''
                    AND i."Source Type" = 'Customer'
                    AND ifnull(i."Posting Date", '') NOT IN ('', '0001-01-01')
                    AND substr(i."Posting Date", 1, 10) > (SELECT d FROM cutoff))
  AND (substr(c."Last Date Modified", 1, 10) <= (SELECT d FROM cutoff)
       OR EXISTS (SELECT 1 FROM main."Cust. Ledger Entry" AS e
                  WHERE e."Customer No." = c."No." AND e."Customer No." <> ''
                    AND ifnull(e."Posting Date", '') NOT IN ('', '0001-01-01'))
       OR EXISTS (SELECT 1 FROM main."Item Ledger Entry" AS i
                  WHERE i."Source No." = c."No." AND i."Source No." <> ''
                    AND i."Source Type" = 'Customer'
                    AND ifnull(i."Posting Date", '') NOT IN ('', '0001-01-01')));

-- Up to the cap, those none of the checks holds back: SQLite walks the
-- index on No. and stops at the cap-th.
CREATE TEMP TABLE target AS
SELECT no FROM checked
WHERE NOT (r_sales OR r_ledger OR r_journal OR r_member OR r_billto)
ORDER BY no LIMIT (SELECT cap FROM p);

-- The last customer attempted: the last one anonymized when the cap was
-- reached, else every candidate was (the last customer).
CREATE TEMP TABLE reach AS
SELECT CASE WHEN count(*) < (SELECT cap FROM p)
            THEN (SELECT max("No.") FROM main."Customer")
            ELSE max(no) END AS last
FROM target;

-- Every candidate up to there, with the checks that hold it back: the
-- same walk, from the first customer to the last one attempted.
CREATE TEMP TABLE attempted AS
SELECT * FROM checked
WHERE no <= (SELECT last FROM reach)
ORDER BY no;

-- Then apply.sql: the log rows and the placeholders.
