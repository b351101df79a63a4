# custanon-lakemap: a bc2adls table folder NAME-ID to its Business
# Central table (the job spec's numbers, and the user's), and its files'
# columns NAME-NO to BC's field names by number (the shipped field lists
# and the user's --fields), the reduced names checked; every column no
# list explains is an error naming it.

SPEC=$TOP/pipelines/rules/tables.csv
BCF=$TOP/pipelines/bc/fields

lakemap() {
	custanon-lakemap --spec "$SPEC" --bc "$BCF" "$@"
}

# hdr FILE COLUMNS: a lake file of one header line.
hdr() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1"
}

tcase "a table folder's BC table, by number and reduced name"
run 0 lakemap lake/deltas/Customer-18 CustLedgerEntry-21/ \
    /x/data/SalesCrMemoHeader-114 GLEntry-17
out_is <<'EOF'
Customer
Cust. Ledger Entry
Sales Cr.Memo Header
G/L Entry
EOF
err_empty

tcase "a folder no list explains, or named otherwise, prints nothing"
run 2 lakemap Customer-18 Item-27 Cust-18 CustomerLedgerEntry-21
out_is </dev/null
err_is <<'EOF'
custanon-lakemap: Item-27: no table numbered 27 in the job spec's tables.csv or in --fields DIR/tables.csv
custanon-lakemap: Cust-18: table 18 is 'Customer', which bc2adls names 'Customer-18'
custanon-lakemap: CustomerLedgerEntry-21: table 21 is 'Cust. Ledger Entry', which bc2adls names 'CustLedgerEntry-21'
EOF
run 1 lakemap Customer Customer-018 'Cust.Ledger-21'
err_has 'Customer: not a table folder NAME-ID as bc2adls names one'
err_has 'Customer-018: not a table folder'
err_has 'Cust.Ledger-21: not a table folder'

tcase "--columns: the fields by number, the system fields, \$Company; every file's, first seen first"
hdr t/data/Customer-18/part-1.csv 'No-1,Name-2,SearchName-3,EMail-102,Blocked-39,PrivacyBlocked-150,timestamp-0,systemId-2000000000,SystemCreatedAt-2000000001,SystemCreatedBy-2000000002,SystemModifiedAt-2000000003,SystemModifiedBy-2000000004,$Company'
hdr t/deltas/Customer-18/b.csv 'No-1,Name-2,ServiceZoneCode-5900,timestamp-0,systemId-2000000000'
hdr t/deltas/Customer-18/a.csv 'No-1,PhoneNo-9,timestamp-0,systemId-2000000000'
printf 'not a lake file\n' >t/deltas/Customer-18/notes.txt
run 0 lakemap --columns t/data/Customer-18 t/deltas/Customer-18
out_is <<'EOF'
column,name,type
No-1,No.,Code[20]
Name-2,Name,Text[100]
SearchName-3,Search Name,Code[100]
EMail-102,E-Mail,Text[80]
Blocked-39,Blocked,"Enum ""Customer Blocked"""
PrivacyBlocked-150,Privacy Blocked,Boolean
timestamp-0,timestamp,BigInteger
systemId-2000000000,SystemId,Guid
SystemCreatedAt-2000000001,SystemCreatedAt,DateTime
SystemCreatedBy-2000000002,SystemCreatedBy,Guid
SystemModifiedAt-2000000003,SystemModifiedAt,DateTime
SystemModifiedBy-2000000004,SystemModifiedBy,Guid
$Company,$Company,Text[30]
PhoneNo-9,Phone No.,Text[30]
ServiceZoneCode-5900,Service Zone Code,Code[10]
EOF
err_empty

tcase "--columns: every column no list explains is named, each file's, exit 2"
hdr t/Customer-18/a.csv 'No-1,Nme-2,NPRMagentoStore-6014400,systemid-2000000000,Image-140,DateFilter-55,Jensen Hansen'
hdr t/Customer-18/b.csv 'No-1,Foo-77777'
run 2 lakemap --columns t/Customer-18
err_is <<'EOF'
custanon-lakemap: t/Customer-18/a.csv:1: column 'Nme-2': field 2 of Customer is 'Name', which bc2adls names 'Name-2'
custanon-lakemap: t/Customer-18/a.csv:1: column 'NPRMagentoStore-6014400': Customer has no field 6014400 in the field lists (an extension's field: list it in --fields DIR)
custanon-lakemap: t/Customer-18/a.csv:1: column 'systemid-2000000000': field 2000000000 is the system field bc2adls names 'systemId-2000000000'
custanon-lakemap: t/Customer-18/a.csv:1: column 'Image-140': field 140 of Customer is Media, which bc2adls does not export
custanon-lakemap: t/Customer-18/a.csv:1: column 'DateFilter-55': field 55 of Customer is a FlowFilter, which bc2adls does not export
custanon-lakemap: t/Customer-18/a.csv:1: column 7 is not NAME-NO as bc2adls names a column
custanon-lakemap: t/Customer-18/b.csv:1: column 'Foo-77777': Customer has no field 77777 in the field lists (an extension's field: list it in --fields DIR)
EOF
out_is </dev/null
err_lacks 'Jensen'

tcase "--columns: a malformed header, no CSV file, two tables"
mkdir -p t/Customer-18 t/Contact-5050 e/Customer-18
printf 'No-1,"Name-2\n' >t/Customer-18/a.csv
printf 'No-1\n' >t/Contact-5050/a.csv
run 1 lakemap --columns t/Customer-18
err_is <<'EOF'
custanon-lakemap: t/Customer-18/a.csv:1: unterminated quoted field
EOF
run 1 lakemap --columns e/Customer-18
err_has "no *.csv file in the table's folders"
run 2 lakemap --columns t/Customer-18 t/Contact-5050
err_has "the FOLDERs hold two tables, 'Customer' and 'Contact'"
run 1 lakemap --columns nosuch/Customer-18
err_has 'nosuch/Customer-18: No such file or directory'

tcase "--fields: an extension's tables and fields, and their types"
mkdir -p ext
cat >ext/tables.csv <<'EOF'
no,name
70000001,NPR MM Membership
18,Customer
EOF
cat >ext/Customer.csv <<'EOF'
no,name,type
6014400,NPR Magento Store,Code[20]
6151061,Anonymized,Boolean
2,Name,Text[100]
EOF
cat >'ext/NPR MM Membership.csv' <<'EOF'
no,name
1,Entry No.
3,Customer No.
EOF
hdr t/NPRMMMembership-70000001/a.csv 'EntryNo-1,CustomerNo-3,timestamp-0,systemId-2000000000,$Company'
hdr t/Customer-18/a.csv 'No-1,Name-2,NPRMagentoStore-6014400,Anonymized-6151061'
run 0 lakemap --fields ext t/NPRMMMembership-70000001 t/Customer-18
out_is <<'EOF'
NPR MM Membership
Customer
EOF
run 0 lakemap --fields ext --columns t/NPRMMMembership-70000001
out_is <<'EOF'
column,name,type
EntryNo-1,Entry No.,
CustomerNo-3,Customer No.,
timestamp-0,timestamp,BigInteger
systemId-2000000000,SystemId,Guid
$Company,$Company,Text[30]
EOF
run 0 lakemap --fields ext --columns t/Customer-18
out_is <<'EOF'
column,name,type
No-1,No.,Code[20]
Name-2,Name,Text[100]
NPRMagentoStore-6014400,NPR Magento Store,Code[20]
Anonymized-6151061,Anonymized,Boolean
EOF
# Without the user's lists, the extension's table and field are unknown.
run 2 lakemap t/NPRMMMembership-70000001
err_has 'no table numbered 70000001'
run 2 lakemap --columns t/Customer-18
err_has "column 'NPRMagentoStore-6014400': Customer has no field 6014400"

tcase "--fields: a list that disagrees with another is a configuration error, every flaw named"
mkdir -p ext
cat >ext/tables.csv <<'EOF'
no,name
18,Debitor
21,Customer
70000001,
abc,NPR X
EOF
run 2 lakemap --fields ext Customer-18
err_is <<'EOF'
custanon-lakemap: ext/tables.csv:2: table 18 is 'Debitor' here and 'Customer' in the job spec or above
custanon-lakemap: ext/tables.csv:3: table 21 is 'Customer' here and 'Cust. Ledger Entry' in the job spec or above
custanon-lakemap: ext/tables.csv:4: a table name empty or with a control character
custanon-lakemap: ext/tables.csv:5: table number in column 'no' is not a whole number from 1 to 2147483647
EOF
out_is </dev/null
printf 'no,name\n70000001,Customer\n' >ext/tables.csv
run 2 lakemap --fields ext Customer-18
err_has "ext/tables.csv:2: table 'Customer' is numbered 70000001 here and 18 in the job spec or above"
rm ext/tables.csv
cat >ext/Customer.csv <<'EOF'
no,name,type
2,Full Name,Text[100]
50000,Search Name,Code[100]
7,City,Code[30]
0,Nothing,Integer
EOF
hdr t/Customer-18/a.csv 'No-1'
run 2 lakemap --fields ext --columns t/Customer-18
err_is <<'EOF'
custanon-lakemap: ext/Customer.csv:2: Customer: field 2 is 'Full Name' here and 'Name' in a list above
custanon-lakemap: ext/Customer.csv:3: Customer: fields 50000 and 3 are both named 'Search Name'
custanon-lakemap: ext/Customer.csv:4: Customer: field 7 is of type 'Code[30]' here and 'Text[30]' in a list above
custanon-lakemap: ext/Customer.csv:5: field number in column 'no' is not a whole number from 1 to 2147483647
EOF
printf 'number,name\n1,No.\n' >ext/Customer.csv
run 2 lakemap --fields ext --columns t/Customer-18
err_has "ext/Customer.csv:1: missing column 'no'"

tcase "usage"
run 0 custanon-lakemap --help
ok 'usage on stdout' grep -q '^usage: custanon-lakemap' out
run 2 custanon-lakemap
err_has 'no FOLDER given'
run 0 custanon-lakemap --version
ok 'version' grep -q '^custanon-lakemap custanon ' out

tdone
