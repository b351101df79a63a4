-- export.sql: after job.sql, write the rows it changed, per table, as CSV
-- files named as the table in the current folder, and the log rows it
-- appended: the "export the changed rows" stage of the SQL job on CSV
-- exports.  Expects the TEMP table p of job.sql.
.bail on
.headers on
.mode csv
CREATE TEMP TABLE done AS
SELECT "Customer No." AS no FROM main."Customer GDPR Log Entries"
WHERE "Status" = 'Anonymized' AND "Logged At" = (SELECT now FROM p);
.once 'Customer.csv'
SELECT * FROM main."Customer" WHERE "No." IN (SELECT no FROM done);
.once 'Contact.csv'
SELECT * FROM main."Contact"
WHERE "No." IN (SELECT "Contact No." FROM main."Contact Business Relation"
                WHERE "Link to Table" = 'Customer'
                  AND "No." IN (SELECT no FROM done));
.once 'Ship-to Address.csv'
SELECT * FROM main."Ship-to Address"
WHERE "Customer No." IN (SELECT no FROM done);
.once 'Cust. Ledger Entry.csv'
SELECT * FROM main."Cust. Ledger Entry"
WHERE "Customer No." IN (SELECT no FROM done);
.once 'Issued Reminder Header.csv'
SELECT * FROM main."Issued Reminder Header"
WHERE "Customer No." IN (SELECT no FROM done);
.once 'Sales Invoice Header.csv'
SELECT * FROM main."Sales Invoice Header"
WHERE "Sell-to Customer No." IN (SELECT no FROM done)
   OR "Bill-to Customer No." IN (SELECT no FROM done);
.once 'Sales Cr.Memo Header.csv'
SELECT * FROM main."Sales Cr.Memo Header"
WHERE "Sell-to Customer No." IN (SELECT no FROM done)
   OR "Bill-to Customer No." IN (SELECT no FROM done);
.once 'Sales Shipment Header.csv'
SELECT * FROM main."Sales Shipment Header"
WHERE "Sell-to Customer No." IN (SELECT no FROM done)
   OR "Bill-to Customer No." IN (SELECT no FROM done);
.once 'Return Receipt Header.csv'
SELECT * FROM main."Return Receipt Header"
WHERE "Sell-to Customer No." IN (SELECT no FROM done)
   OR "Bill-to Customer No." IN (SELECT no FROM done);
.once 'Customer GDPR Log Entries.csv'
SELECT "Customer No.", "Status", "Reason", "Logged At", "User"
FROM main."Customer GDPR Log Entries"
WHERE "Logged At" = (SELECT now FROM p)
ORDER BY CAST("Entry No." AS INTEGER);
