-- indexes.sql: the indexes on the customer keys a database administrator
-- would add for the job of job.sql (one per column naming a customer, and
-- the keys the job looks rows up by).
.bail on
CREATE INDEX IF NOT EXISTS "bench_customer_no" ON "Customer"("No.");
CREATE INDEX IF NOT EXISTS "bench_customer_billto"
  ON "Customer"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_contact_no" ON "Contact"("No.");
CREATE INDEX IF NOT EXISTS "bench_cbr_no"
  ON "Contact Business Relation"("No.");
CREATE INDEX IF NOT EXISTS "bench_shipto_customer"
  ON "Ship-to Address"("Customer No.");
CREATE INDEX IF NOT EXISTS "bench_cle_customer"
  ON "Cust. Ledger Entry"("Customer No.");
CREATE INDEX IF NOT EXISTS "bench_ile_source"
  ON "Item Ledger Entry"("Source No.");
CREATE INDEX IF NOT EXISTS "bench_sh_sellto"
  ON "Sales Header"("Sell-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_gjl_account"
  ON "Gen. Journal Line"("Account No.");
CREATE INDEX IF NOT EXISTS "bench_mm_customer"
  ON "NPR MM Membership"("Customer No.");
CREATE INDEX IF NOT EXISTS "bench_sih_sellto"
  ON "Sales Invoice Header"("Sell-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_sih_billto"
  ON "Sales Invoice Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_scmh_sellto"
  ON "Sales Cr.Memo Header"("Sell-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_scmh_billto"
  ON "Sales Cr.Memo Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_ssh_sellto"
  ON "Sales Shipment Header"("Sell-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_ssh_billto"
  ON "Sales Shipment Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_rrh_sellto"
  ON "Return Receipt Header"("Sell-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_rrh_billto"
  ON "Return Receipt Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_irh_customer"
  ON "Issued Reminder Header"("Customer No.");
CREATE INDEX IF NOT EXISTS "bench_sh_billto"
  ON "Sales Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_gjl_bal"
  ON "Gen. Journal Line"("Bal. Account No.");
CREATE INDEX IF NOT EXISTS "bench_svh_customer"
  ON "Service Header"("Customer No.");
CREATE INDEX IF NOT EXISTS "bench_svh_billto"
  ON "Service Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_ph_sellto"
  ON "Purchase Header"("Sell-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_rh_customer"
  ON "Reminder Header"("Customer No.");
CREATE INDEX IF NOT EXISTS "bench_fcm_customer"
  ON "Finance Charge Memo Header"("Customer No.");
CREATE INDEX IF NOT EXISTS "bench_sch_customer"
  ON "Service Contract Header"("Customer No.");
CREATE INDEX IF NOT EXISTS "bench_sch_billto"
  ON "Service Contract Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_ico_sellto"
  ON "IC Outbox Sales Header"("Sell-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_ico_billto"
  ON "IC Outbox Sales Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_ici_sellto"
  ON "IC Inbox Sales Header"("Sell-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_ici_billto"
  ON "IC Inbox Sales Header"("Bill-to Customer No.");
CREATE INDEX IF NOT EXISTS "bench_bar_account"
  ON "Bank Acc. Reconciliation Line"("Account No.");
