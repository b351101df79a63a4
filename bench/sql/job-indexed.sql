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
-- UPDATEs below are job.sql's, which with the indexes look each target up.
-- It does as little as job.sql does (no redact-pii, no leak check).
-- Without the indexes it still gives the same results, slowly.  (One
-- difference in principle: where a key column holds NULL, job.sql's IN
-- can be NULL where EXISTS is false; tables .imported from CSV hold none.)
.bail on
BEGIN IMMEDIATE;

CREATE TEMP TABLE cutoff AS SELECT date((SELECT today FROM p), '-3 years') AS d;

-- The candidates, in the order of No., up to the cap: inside both
-- posting-group filters, not anonymized, with a Last Date Modified;
-- nothing posted after the cutoff (a Cust. Ledger Entry, or an Item
-- Ledger Entry with Source Type = Customer), and without any transaction
-- Last Date Modified on or before the cutoff; then none of the five
-- open-document checks holds.  SQLite walks the index on No. and stops at
-- the cap-th.
CREATE TEMP TABLE target AS
SELECT c."No." AS no
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
                    AND ifnull(i."Posting Date", '') NOT IN ('', '0001-01-01')))
  AND NOT EXISTS (SELECT 1 FROM main."Sales Header" AS h
                  WHERE h."Sell-to Customer No." = c."No.")
  AND NOT EXISTS (SELECT 1 FROM main."Cust. Ledger Entry" AS e
                  WHERE e."Customer No." = c."No."
                    AND lower(e."Open") IN ('yes', 'true', '1'))
  AND NOT EXISTS (SELECT 1 FROM main."Gen. Journal Line" AS j
                  WHERE j."Account No." = c."No."
                    AND j."Account Type" = 'Customer')
  AND NOT EXISTS (SELECT 1 FROM main."NPR MM Membership" AS m
                  WHERE m."Customer No." = c."No.")
  AND NOT EXISTS (SELECT 1 FROM main."Customer" AS b
                  WHERE b."Bill-to Customer No." = c."No."
                    AND b."Bill-to Customer No." <> b."No."
                    AND lower(ifnull(b."Anonymized", ''))
                        NOT IN ('yes', 'true', '1'))
ORDER BY c."No." LIMIT (SELECT cap FROM p);

-- The last customer attempted: the last one anonymized when the cap was
-- reached, else every candidate was (the last customer).
CREATE TEMP TABLE reach AS
SELECT CASE WHEN count(*) < (SELECT cap FROM p)
            THEN (SELECT max("No.") FROM main."Customer")
            ELSE max(no) END AS last
FROM target;

-- Every candidate up to there, with the checks that hold it back: the
-- same walk through the index, from the first customer to the last one
-- attempted.
CREATE TEMP TABLE attempted AS
SELECT c."No." AS no,
  EXISTS (SELECT 1 FROM main."Sales Header" AS h
          WHERE h."Sell-to Customer No." = c."No.") AS r_sales,
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
WHERE c."No." <= (SELECT last FROM reach)
  AND lower(ifnull(c."Anonymized", '')) NOT IN ('yes', 'true', '1')
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
                    AND ifnull(i."Posting Date", '') NOT IN ('', '0001-01-01')))
ORDER BY c."No.";

-- The log: one row per attempted candidate.
CREATE TABLE IF NOT EXISTS main."Customer GDPR Log Entries"(
  "Entry No." TEXT, "Customer No." TEXT, "Status" TEXT, "Reason" TEXT,
  "Logged At" TEXT, "User" TEXT);
CREATE TEMP TABLE logbase AS
SELECT ifnull(max(CAST("Entry No." AS INTEGER)), 0) AS b
FROM main."Customer GDPR Log Entries";
INSERT INTO main."Customer GDPR Log Entries"
  ("Entry No.", "Customer No.", "Status", "Reason", "Logged At", "User")
SELECT (SELECT b FROM logbase) + row_number() OVER (ORDER BY a.no),
  a.no,
  CASE WHEN a.no IN (SELECT no FROM target) THEN 'Anonymized'
       ELSE 'Not anonymized' END,
  rtrim(iif(r_sales, 'open sales document; ', '') ||
        iif(r_ledger, 'open ledger entry; ', '') ||
        iif(r_journal, 'journal line; ', '') ||
        iif(r_member, 'member; ', '') ||
        iif(r_billto, 'bill-to of a live customer; ', ''), '; '),
  (SELECT now FROM p), (SELECT usr FROM p)
FROM attempted AS a ORDER BY a.no;

-- The placeholders of the default rules: job.sql's UPDATEs, word for word.
UPDATE main."Customer" SET
  "Name" = '------', "Search Name" = '------', "Name 2" = '------',
  "Address" = '------ --', "Address 2" = '------ --', "City" = '',
  "Post Code" = '', "County" = '', "Country/Region Code" = '',
  "Contact" = '------', "Phone No." = '', "Mobile Phone No." = '',
  "Fax No." = '', "Telex No." = '', "E-Mail" = '------@----',
  "Home Page" = 'nowhere.com', "VAT Registration No." = '', "GLN" = '',
  "Anonymized" = 'Yes', "Anonymized Date" = (SELECT now FROM p),
  "To Anonymize" = 'No', "Blocked" = 'All'
WHERE "No." IN (SELECT no FROM target);

UPDATE main."Contact" SET
  "Company Name" = '------', "Name" = '------', "Search Name" = '------',
  "Name 2" = '------', "First Name" = '------', "Middle Name" = '------',
  "Surname" = '------', "Job Title" = '------', "Initials" = '------',
  "Address" = '------ --', "Address 2" = '------ --', "City" = '',
  "Post Code" = '', "County" = '', "Country/Region Code" = '',
  "Phone No." = '', "Mobile Phone No." = '', "Fax No." = '',
  "Telex No." = '', "Pager" = '', "E-Mail" = '------@----',
  "Search E-Mail" = '------@----', "Home Page" = 'www.nowhere.com',
  "VAT Registration No." = ''
WHERE "No." IN (SELECT "Contact No." FROM main."Contact Business Relation"
                WHERE "Link to Table" = 'Customer'
                  AND "No." IN (SELECT no FROM target));

UPDATE main."Ship-to Address" SET
  "Name" = '------', "Name 2" = '------', "Address" = '------ --',
  "Address 2" = '------ --', "City" = '', "Post Code" = '', "County" = '',
  "Country/Region Code" = '', "Contact" = '------', "Phone No." = '',
  "Fax No." = '', "E-Mail" = '------@----', "Home Page" = 'nowhere.com',
  "GLN" = ''
WHERE "Customer No." IN (SELECT no FROM target);

UPDATE main."Cust. Ledger Entry" SET "Customer Name" = '------'
WHERE "Customer No." IN (SELECT no FROM target);

UPDATE main."Issued Reminder Header" SET
  "Name" = '------', "Name 2" = '------', "Address" = '------ --',
  "Address 2" = '------ --', "City" = '', "Post Code" = '', "County" = '',
  "Country/Region Code" = '', "Contact" = '------',
  "VAT Registration No." = ''
WHERE "Customer No." IN (SELECT no FROM target);

UPDATE main."Sales Invoice Header" SET
  "Sell-to Customer Name" = '------', "Sell-to Customer Name 2" = '------',
  "Sell-to Address" = '------ --', "Sell-to Address 2" = '------ --',
  "Sell-to City" = '', "Sell-to Post Code" = '', "Sell-to County" = '',
  "Sell-to Country/Region Code" = '', "Sell-to Contact" = '------',
  "Sell-to Phone No." = '', "Sell-to E-Mail" = '------@----',
  "Ship-to Name" = '------', "Ship-to Name 2" = '------',
  "Ship-to Address" = '------ --', "Ship-to Address 2" = '------ --',
  "Ship-to City" = '', "Ship-to Post Code" = '', "Ship-to County" = '',
  "Ship-to Country/Region Code" = '', "Ship-to Contact" = '------',
  "Ship-to Phone No." = ''
WHERE "Sell-to Customer No." IN (SELECT no FROM target);
UPDATE main."Sales Invoice Header" SET
  "Bill-to Name" = '------', "Bill-to Name 2" = '------',
  "Bill-to Address" = '------ --', "Bill-to Address 2" = '------ --',
  "Bill-to City" = '', "Bill-to Post Code" = '', "Bill-to County" = '',
  "Bill-to Country/Region Code" = '', "Bill-to Contact" = '------',
  "VAT Registration No." = ''
WHERE "Bill-to Customer No." IN (SELECT no FROM target);

UPDATE main."Sales Cr.Memo Header" SET
  "Sell-to Customer Name" = '------', "Sell-to Customer Name 2" = '------',
  "Sell-to Address" = '------ --', "Sell-to Address 2" = '------ --',
  "Sell-to City" = '', "Sell-to Post Code" = '', "Sell-to County" = '',
  "Sell-to Country/Region Code" = '', "Sell-to Contact" = '------',
  "Sell-to Phone No." = '', "Sell-to E-Mail" = '------@----',
  "Ship-to Name" = '------', "Ship-to Name 2" = '------',
  "Ship-to Address" = '------ --', "Ship-to Address 2" = '------ --',
  "Ship-to City" = '', "Ship-to Post Code" = '', "Ship-to County" = '',
  "Ship-to Country/Region Code" = '', "Ship-to Contact" = '------',
  "Ship-to Phone No." = ''
WHERE "Sell-to Customer No." IN (SELECT no FROM target);
UPDATE main."Sales Cr.Memo Header" SET
  "Bill-to Name" = '------', "Bill-to Name 2" = '------',
  "Bill-to Address" = '------ --', "Bill-to Address 2" = '------ --',
  "Bill-to City" = '', "Bill-to Post Code" = '', "Bill-to County" = '',
  "Bill-to Country/Region Code" = '', "Bill-to Contact" = '------',
  "VAT Registration No." = ''
WHERE "Bill-to Customer No." IN (SELECT no FROM target);

UPDATE main."Sales Shipment Header" SET
  "Sell-to Customer Name" = '------', "Sell-to Customer Name 2" = '------',
  "Sell-to Address" = '------ --', "Sell-to Address 2" = '------ --',
  "Sell-to City" = '', "Sell-to Post Code" = '', "Sell-to County" = '',
  "Sell-to Country/Region Code" = '', "Sell-to Contact" = '------',
  "Sell-to Phone No." = '', "Sell-to E-Mail" = '------@----',
  "Ship-to Name" = '------', "Ship-to Name 2" = '------',
  "Ship-to Address" = '------ --', "Ship-to Address 2" = '------ --',
  "Ship-to City" = '', "Ship-to Post Code" = '', "Ship-to County" = '',
  "Ship-to Country/Region Code" = '', "Ship-to Contact" = '------',
  "Ship-to Phone No." = ''
WHERE "Sell-to Customer No." IN (SELECT no FROM target);
UPDATE main."Sales Shipment Header" SET
  "Bill-to Name" = '------', "Bill-to Name 2" = '------',
  "Bill-to Address" = '------ --', "Bill-to Address 2" = '------ --',
  "Bill-to City" = '', "Bill-to Post Code" = '', "Bill-to County" = '',
  "Bill-to Country/Region Code" = '', "Bill-to Contact" = '------',
  "VAT Registration No." = ''
WHERE "Bill-to Customer No." IN (SELECT no FROM target);

UPDATE main."Return Receipt Header" SET
  "Sell-to Customer Name" = '------', "Sell-to Customer Name 2" = '------',
  "Sell-to Address" = '------ --', "Sell-to Address 2" = '------ --',
  "Sell-to City" = '', "Sell-to Post Code" = '', "Sell-to County" = '',
  "Sell-to Country/Region Code" = '', "Sell-to Contact" = '------',
  "Sell-to Phone No." = '', "Sell-to E-Mail" = '------@----',
  "Ship-to Name" = '------', "Ship-to Name 2" = '------',
  "Ship-to Address" = '------ --', "Ship-to Address 2" = '------ --',
  "Ship-to City" = '', "Ship-to Post Code" = '', "Ship-to County" = '',
  "Ship-to Country/Region Code" = '', "Ship-to Contact" = '------',
  "Ship-to Phone No." = ''
WHERE "Sell-to Customer No." IN (SELECT no FROM target);
UPDATE main."Return Receipt Header" SET
  "Bill-to Name" = '------', "Bill-to Name 2" = '------',
  "Bill-to Address" = '------ --', "Bill-to Address 2" = '------ --',
  "Bill-to City" = '', "Bill-to Post Code" = '', "Bill-to County" = '',
  "Bill-to Country/Region Code" = '', "Bill-to Contact" = '------',
  "VAT Registration No." = ''
WHERE "Bill-to Customer No." IN (SELECT no FROM target);

COMMIT;
