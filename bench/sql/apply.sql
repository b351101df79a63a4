-- apply.sql: the end of the SQL job, in SQLite after job.sql or
-- job-indexed.sql and in PostgreSQL after pg-job.sql or
-- pg-job-indexed.sql (bench/run and check-indexed run it after either):
-- the log rows of the attempted candidates (TEMP table attempted, with
-- r_sales ... r_billto, 0/1 in SQLite, boolean in PostgreSQL) and the
-- placeholders of the default rules for the targets (TEMP table target),
-- then COMMIT.  Expects the TEMP table p of job.sql.  Written in the SQL
-- both databases take (CASE, coalesce, no schema names: no TEMP table is
-- named as a table of the company), so that the two jobs write the same.

-- The log: one row per attempted candidate.
CREATE TABLE IF NOT EXISTS "Customer GDPR Log Entries"(
  "Entry No." TEXT, "Customer No." TEXT, "Status" TEXT, "Reason" TEXT,
  "Logged At" TEXT, "User" TEXT);
CREATE TEMP TABLE logbase AS
SELECT coalesce(max(CAST(nullif("Entry No.", '') AS BIGINT)), 0) AS b
FROM "Customer GDPR Log Entries";
INSERT INTO "Customer GDPR Log Entries"
  ("Entry No.", "Customer No.", "Status", "Reason", "Logged At", "User")
SELECT (SELECT b FROM logbase) + row_number() OVER (ORDER BY a.no),
  a.no,
  CASE WHEN a.no IN (SELECT no FROM target) THEN 'Anonymized'
       ELSE 'Not anonymized' END,
  rtrim(CASE WHEN r_sales THEN 'open sales document; ' ELSE '' END ||
        CASE WHEN r_ledger THEN 'open ledger entry; ' ELSE '' END ||
        CASE WHEN r_journal THEN 'journal line; ' ELSE '' END ||
        CASE WHEN r_member THEN 'member; ' ELSE '' END ||
        CASE WHEN r_billto THEN 'bill-to of a live customer; ' ELSE '' END,
        '; '),
  (SELECT now FROM p), (SELECT usr FROM p)
FROM attempted AS a ORDER BY a.no;

-- The placeholders of the default rules.
UPDATE "Customer" SET
  "Name" = '------', "Search Name" = '------', "Name 2" = '------',
  "Address" = '------ --', "Address 2" = '------ --', "City" = '',
  "Post Code" = '', "County" = '', "Country/Region Code" = '',
  "Contact" = '------', "Phone No." = '', "Mobile Phone No." = '',
  "Fax No." = '', "Telex No." = '', "E-Mail" = '------@----',
  "Home Page" = 'nowhere.com', "VAT Registration No." = '', "GLN" = '',
  "Anonymized" = 'Yes', "Anonymized Date" = (SELECT now FROM p),
  "To Anonymize" = 'No', "Blocked" = 'All'
WHERE "No." IN (SELECT no FROM target);

UPDATE "Contact" SET
  "Company Name" = '------', "Name" = '------', "Search Name" = '------',
  "Name 2" = '------', "First Name" = '------', "Middle Name" = '------',
  "Surname" = '------', "Job Title" = '------', "Initials" = '------',
  "Address" = '------ --', "Address 2" = '------ --', "City" = '',
  "Post Code" = '', "County" = '', "Country/Region Code" = '',
  "Phone No." = '', "Mobile Phone No." = '', "Fax No." = '',
  "Telex No." = '', "Pager" = '', "E-Mail" = '------@----',
  "Search E-Mail" = '------@----', "Home Page" = 'www.nowhere.com',
  "VAT Registration No." = ''
WHERE "No." IN (SELECT "Contact No." FROM "Contact Business Relation"
                WHERE "Link to Table" = 'Customer'
                  AND "No." IN (SELECT no FROM target));

UPDATE "Ship-to Address" SET
  "Name" = '------', "Name 2" = '------', "Address" = '------ --',
  "Address 2" = '------ --', "City" = '', "Post Code" = '', "County" = '',
  "Country/Region Code" = '', "Contact" = '------', "Phone No." = '',
  "Fax No." = '', "E-Mail" = '------@----', "Home Page" = 'nowhere.com',
  "GLN" = ''
WHERE "Customer No." IN (SELECT no FROM target);

UPDATE "Cust. Ledger Entry" SET "Customer Name" = '------'
WHERE "Customer No." IN (SELECT no FROM target);

UPDATE "Issued Reminder Header" SET
  "Name" = '------', "Name 2" = '------', "Address" = '------ --',
  "Address 2" = '------ --', "City" = '', "Post Code" = '', "County" = '',
  "Country/Region Code" = '', "Contact" = '------',
  "VAT Registration No." = ''
WHERE "Customer No." IN (SELECT no FROM target);

UPDATE "Sales Invoice Header" SET
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
UPDATE "Sales Invoice Header" SET
  "Bill-to Name" = '------', "Bill-to Name 2" = '------',
  "Bill-to Address" = '------ --', "Bill-to Address 2" = '------ --',
  "Bill-to City" = '', "Bill-to Post Code" = '', "Bill-to County" = '',
  "Bill-to Country/Region Code" = '', "Bill-to Contact" = '------',
  "VAT Registration No." = ''
WHERE "Bill-to Customer No." IN (SELECT no FROM target);

UPDATE "Sales Cr.Memo Header" SET
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
UPDATE "Sales Cr.Memo Header" SET
  "Bill-to Name" = '------', "Bill-to Name 2" = '------',
  "Bill-to Address" = '------ --', "Bill-to Address 2" = '------ --',
  "Bill-to City" = '', "Bill-to Post Code" = '', "Bill-to County" = '',
  "Bill-to Country/Region Code" = '', "Bill-to Contact" = '------',
  "VAT Registration No." = ''
WHERE "Bill-to Customer No." IN (SELECT no FROM target);

UPDATE "Sales Shipment Header" SET
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
UPDATE "Sales Shipment Header" SET
  "Bill-to Name" = '------', "Bill-to Name 2" = '------',
  "Bill-to Address" = '------ --', "Bill-to Address 2" = '------ --',
  "Bill-to City" = '', "Bill-to Post Code" = '', "Bill-to County" = '',
  "Bill-to Country/Region Code" = '', "Bill-to Contact" = '------',
  "VAT Registration No." = ''
WHERE "Bill-to Customer No." IN (SELECT no FROM target);

UPDATE "Return Receipt Header" SET
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
UPDATE "Return Receipt Header" SET
  "Bill-to Name" = '------', "Bill-to Name 2" = '------',
  "Bill-to Address" = '------ --', "Bill-to Address 2" = '------ --',
  "Bill-to City" = '', "Bill-to Post Code" = '', "Bill-to County" = '',
  "Bill-to Country/Region Code" = '', "Bill-to Contact" = '------',
  "VAT Registration No." = ''
WHERE "Bill-to Customer No." IN (SELECT no FROM target);

COMMIT;
