# The open-document checks of Business Central's other modules, and the
# bill-to side of an open sales document: C00010, whom the nightly job
# anonymizes first on the fixture company, is held back by one row of
# each check table naming it, with the check's reason, in --dir and --db;
# a row that fails the check's condition holds nobody back.
. "$TOP/tests/job-lib.sh"

# add_row EXPORTS TABLE CSVROW: append one row (in the column order of the
# fixture's TABLE.csv) to the export's copy of TABLE.
add_row() {
	printf '%s\n' "$3" >>"$1/$2.csv"
}

# held C00010 REASON: the dry run's log says C00010 is held back for
# REASON, and it is no longer among the would-be anonymized.
held() {
	ok "C00010 held back: $1" grep -qxF "C00010|Not anonymized|$1" log3
}

# The log of a --dir run is in its change set; the dry run prints the
# summary only, so each case runs for real into an --out folder.
check_dir() {
	tcase "$1 holds its customer back: $3 (--dir)"
	rm -rf exports changes
	cp -R "$FIX" exports
	add_row exports "$1" "$2"
	run 0 "$PIPE/anonymize-customers" --dir exports --out changes \
	    --user ADMIN --now $NOW
	csvget "changes/Customer GDPR Log Entries.csv" 'Customer No.' Status \
	    Reason | tr '\t' '|' >log3
	held "$3"
	ok "C00010 is not in the changes" sh -c \
	    '! csvget changes/Customer.csv No. | grep -qx C00010'
	ok "the summary counts the reason" grep -q "^  $3: " out
}

check_db() {
	tcase "$1 holds its customer back: $3 (--db)"
	job_db co.db
	job_sql co.db "INSERT INTO \"$1\" VALUES ($2)"
	run 0 "$PIPE/anonymize-customers" --db co.db --user ADMIN --now $NOW
	job_sql co.db "SELECT \"Customer No.\", \"Status\", \"Reason\"
	    FROM \"Customer GDPR Log Entries\"" >log3
	held "$3"
	job_sql co.db "SELECT \"Anonymized\" FROM \"Customer\" WHERE \"No.\" = 'C00010'" >anon
	ok "C00010 is not anonymized" sh -c '! grep -qx Yes anon'
}

check_dir "Sales Header" "Order,SO-9001,C00900,C00010,Nordljus Kontorsservice AB,2026-11-20" \
    "open sales document"
check_db "Sales Header" "'Order','SO-9001','C00900','C00010','Nordljus Kontorsservice AB','2026-11-20'" \
    "open sales document"
check_dir "Service Header" "Order,SVO-9001,C00010,C00010,Someone,2026-11-20" \
    "open service document"
check_dir "Service Header" "Quote,SVQ-9001,C00900,C00010,Someone,2026-11-20" \
    "open service document"
check_db "Service Header" "'Order','SVO-9001','C00900','C00010','Someone','2026-11-20'" \
    "open service document"
check_dir "Purchase Header" "Order,PO-9001,V0100,C00010,Someone,2026-11-20" \
    "drop shipment"
check_db "Purchase Header" "'Order','PO-9001','V0100','C00010','Someone','2026-11-20'" \
    "drop shipment"
check_dir "Reminder Header" "R-9001,C00010,Someone,2026-11-20" "open reminder"
check_db "Reminder Header" "'R-9001','C00010','Someone','2026-11-20'" \
    "open reminder"
check_dir "Finance Charge Memo Header" "FC-9001,C00010,Someone,2026-11-20" \
    "open finance charge memo"
check_dir "Service Contract Header" "Contract,SC-9001,C00900,C00010,Signed,Boiler" \
    "service contract"
check_dir "Service Contract Header" "Quote,SC-9002,C00010,C00010,,Boiler" \
    "service contract"
check_db "Service Contract Header" "'Contract','SC-9001','C00010','C00010','Signed','Boiler'" \
    "service contract"
check_dir "IC Outbox Sales Header" "1,ICP01,Created by Current Company,Order,ICO-9001,C00010,C00010" \
    "intercompany document"
check_dir "IC Inbox Sales Header" "2,ICP01,Returned by Partner,Invoice,ICI-9001,C00900,C00010" \
    "intercompany document"
check_db "IC Inbox Sales Header" "'2','ICP01','Returned by Partner','Invoice','ICI-9001','C00010','C00010'" \
    "intercompany document"
check_dir "Bank Acc. Reconciliation Line" "Bank Reconciliation,BANK-01,2026-11,30000,Customer,C00010,2026-11-28,Payment" \
    "unposted bank reconciliation"
check_db "Bank Acc. Reconciliation Line" "'Bank Reconciliation','BANK-01','2026-11','30000','Customer','C00010','2026-11-28','Payment'" \
    "unposted bank reconciliation"
check_dir "Gen. Journal Line" "GENERAL,DEFAULT,90000,G/L Account,GL-6110,2026-11-30,G-0009,Refund,-10.00,Customer,C00010" \
    "journal line, balancing account"

tcase "rows that fail a check's condition hold nobody back (--dir)"
rm -rf exports changes
cp -R "$FIX" exports
add_row exports "Service Contract Header" "Contract,SC-9003,C00010,C00010,Cancelled,Boiler"
add_row exports "Bank Acc. Reconciliation Line" "Bank Reconciliation,BANK-01,2026-11,40000,G/L Account,C00010,2026-11-28,Fee"
add_row exports "Purchase Header" "Order,PO-9002,V0100,,,2026-11-20"
add_row exports "Gen. Journal Line" "GENERAL,DEFAULT,91000,G/L Account,GL-6110,2026-11-30,G-0010,Fee,-10.00,G/L Account,C00010"
run 0 "$PIPE/anonymize-customers" --dir exports --out changes --user ADMIN \
    --now $NOW
ok "C00010 is anonymized" sh -c 'csvget changes/Customer.csv No. | grep -qx C00010'
ok "the same customers as on the fixture" sh -c \
    "test \"\$(csvget changes/Customer.csv No. | wc -l)\" = \
    \"\$(grep -c '^yes,[^,]*,anonymized,' '$FIX/../expected/outcomes.csv')\""
