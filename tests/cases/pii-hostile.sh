# pii-hostile: redact-pii against the second hostile review (#15):
# numbers side by side, Unicode look-alike separators and digits, the
# CPR cue, separators inside IBANs and cards, words before a number,
# lower-case and dotted person numbers, '+' joins; and the shapes it
# found redacted that are not personal data.  Every value is synthetic.

# pii TEXT...: rules and an input of one Text column, a row per TEXT.
pii() {
	printf 'column,action\nText,redact-pii\n' >rules.csv
	printf '%s\n' Text "$@" >in.csv
}

tcase "redact-pii: numbers side by side, one space apart, are each found"
pii '4111 1111 1111 1111 12/27' 'on 2026-11-29 4111 1111 1111 1111' \
    'CPR 010190-1234 22334455 tlf' 'tlf 22334455 22334466' \
    'ring 0711 123456 0711 654321' '2125550147 2125550148' \
    'tlf 22334455 3112991238'
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
[CARD] 12/27
on 2026-11-29 [CARD]
CPR [ID] 22334455 tlf
tlf [PHONE] [PHONE]
ring [PHONE] [PHONE]
[PHONE] [PHONE]
tlf [PHONE] [ID]
EOF

tcase "redact-pii: a number beside '+CC ' is a phone's, not a person number"
pii '+34 649363619 or 643 735 861'
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
[PHONE] or [PHONE]
EOF

tcase "redact-pii: Unicode spaces, dashes, full-width digits and ＠ count"
# U+00A0, U+202F, U+2009, U+00AD, U+2011, U+2013, U+2212, U+FF10-FF19,
# U+FF20: each as the ASCII space, dash, digit or @ it stands for
printf 'Text\n%b\n%b\n%b\n%b\n%b\n%b\n%b\n%b\n%b\n%b\n' \
    'tlf 22\xc2\xa033\xc2\xa044\xc2\xa055' \
    'card 4111\xe2\x80\xaf1111\xe2\x80\xaf1111\xe2\x80\xaf1111' \
    'iban GB82\xe2\x80\x89WEST\xe2\x80\x891234\xe2\x80\x895698\xe2\x80\x897654\xe2\x80\x8932' \
    'card 4111\xc2\xad1111\xc2\xad1111\xc2\xad1111' \
    'CPR 010190\xe2\x80\x911234' \
    '+45\xc2\xa022\xe2\x80\x9333\xe2\x80\x9344\xe2\x80\x9355' \
    'ssn 536\xe2\x88\x9290\xe2\x88\x924399' \
    'tel \xef\xbc\x92\xef\xbc\x92\xef\xbc\x93\xef\xbc\x93\xef\xbc\x94\xef\xbc\x94\xef\xbc\x95\xef\xbc\x95' \
    'mail kari\xef\xbc\xa0example.com now' \
    'ip 192.0.2.\xef\xbc\x91\xef\xbc\x90 ok' >in.csv
printf 'column,action\nText,redact-pii\n' >rules.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
tlf [PHONE]
card [CARD]
iban [IBAN]
card [CARD]
CPR [ID]
[PHONE]
ssn [ID]
tel [PHONE]
mail [EMAIL] now
ip [IP] ok
EOF

tcase "redact-pii: look-alikes outside a marker are left as they were"
printf 'Text\n%b\n%b\n' '"Kunde\xc2\xa0A/S \xe2\x80\x93 Æble, 12\xc2\xa0kr"' \
    '\xef\xbc\xa1\xef\xbc\xa2 ok tlf\xc2\xa022\xc2\xa033\xc2\xa044\xc2\xa055 \xe2\x80\x93 \xc2\xa0' \
    >in.csv
printf 'column,action\nText,redact-pii\n' >rules.csv
run 0 scrub --rules rules.csv in.csv
printf 'Text\n%b\n%b\n' '"Kunde\xc2\xa0A/S \xe2\x80\x93 Æble, 12\xc2\xa0kr"' \
    '\xef\xbc\xa1\xef\xbc\xa2 ok tlf\xc2\xa0[PHONE] \xe2\x80\x93 \xc2\xa0' \
    >want.csv
out_file_is want.csv

tcase "redact-pii: look-alikes in a VAT or NINO count; in an amount or a range too"
printf 'Text\n%b\n%b\n%b\n%b\n' 'vat DE\xc2\xa0136695976' \
    'nino AB\xc2\xa0123456\xc2\xa0C' '"amount 1\xc2\xa0234\xc2\xa0567,89"' \
    'range 1000\xe2\x80\x932000' >in.csv
printf 'column,action\nText,redact-pii\n' >rules.csv
run 0 scrub --rules rules.csv in.csv
printf 'Text\n%b\n%b\n%b\n%b\n' 'vat [VAT]' 'nino [ID]' \
    '"amount 1\xc2\xa0234\xc2\xa0567,89"' 'range 1000\xe2\x80\x932000' >want.csv
out_file_is want.csv

tcase "redact-pii: a solid CPR after the word CPR need not pass mod-11"
pii 'CPR 1501901234' 'cpr: 1501901234' 'CPR-nr. 1501901234' \
    'personnummer 1501901234' 'Ref 1501901234' 'CPR 1513901234'
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
CPR [ID]
cpr: [ID]
CPR-nr. [ID]
personnummer [ID]
Ref 1501901234
CPR 1513901234
EOF

tcase "redact-pii: double spaces, tabs, '/' and '.' inside an IBAN or a card"
printf 'Text\n%b\n%b\n%b\n%b\n%b\n%b\n%b\n%b\n' \
    'iban GB82  WEST  1234  5698  7654  32' \
    'iban GB82\tWEST\t1234\t5698\t7654\t32' \
    'iban GB82/WEST/1234/5698/7654/32' 'iban GB82.WEST.1234.5698.7654.32' \
    'card 4111  1111  1111  1111' 'card 4111\t1111\t1111\t1111' \
    'card 4111/1111/1111/1111' 'card 4111.1111.1111.1111' >in.csv
printf 'column,action\nText,redact-pii\n' >rules.csv
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
iban [IBAN]
iban [IBAN]
iban [IBAN]
iban [IBAN]
card [CARD]
card [CARD]
card [CARD]
card [CARD]
EOF

tcase "redact-pii: a card's groups are joined alike (a date and a time are none)"
pii 'Due 24-10-2020 12.50-14.50'
run 0 scrub --rules rules.csv in.csv
out_file_is in.csv

tcase "redact-pii: a solid 8-digit number is a phone after a word for one"
pii 'tlf 22334455' 'Tel: 22334455' 'Mobil 91234567' 'phone 22334455' \
    'Entry 22334455'
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
tlf [PHONE]
Tel: [PHONE]
Mobil [PHONE]
phone [PHONE]
Entry 22334455
EOF

tcase "redact-pii: a word for a thing does not hide a card or a CPR"
pii 'Order 4111111111111111' 'Item 4111 1111 1111 1111' \
    'Order 010190-1234' 'Item 1501901234 CPR' 'version 5555555555554444' \
    'S/N 6307-0365-1764' 'Order 3104664531' 'Order 880320-0016'
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
Order [CARD]
Item [CARD]
Order [ID]
Item 1501901234 CPR
version [CARD]
S/N [CARD]
Order 3104664531
Order 880320-0016
EOF

tcase "redact-pii: lower-case and dotted person numbers"
pii 'ni ab123456c' 'ni ab 12 34 56 c' 'dni 12345678z' 'nie x1234567l' \
    'NN 85.07.30-033.28.' 'hetu 131052a308t'
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
ni [ID]
ni [ID]
dni [ID]
nie [ID]
NN [ID].
hetu [ID]
EOF

tcase "redact-pii: the second number after a '+' join"
pii '+4599990020+4599990021' 'tel +4522334455+4522334466+4522334477'
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
[PHONE][PHONE]
tel [PHONE][PHONE][PHONE]
EOF

tcase "redact-pii: payment references named so are not cards or phones"
pii 'Ref 1234 5678' 'Ref. 2125550147' 'reference 4111111111111111' \
    'KID 4111111111111111' 'OCR 4111 1111 1111 1111' \
    'Bankgiro 4111111111111111' 'Referenz: 0711 1234567' \
    '+71<000000004111111+85236541<'
run 0 scrub --rules rules.csv in.csv
out_file_is in.csv

tcase "redact-pii: product codes, ranges, lists and amounts are not phones"
pii '036000291452' 'GTIN 00036000291452' '01234567890128' '1000-2000' \
    '1000 - 2000' '100 200 300 400' 'Saldo 12 345 678' '40 000 000' \
    'Total 1 250 000' 'Balance: 123 456 789'
run 0 scrub --rules rules.csv in.csv
out_file_is in.csv

tcase "redact-pii: phones that look like those stay phones"
pii '036000291453' '0300/10000' '07700 912600' '611 234 567' '81 555 012'
run 0 scrub --rules rules.csv in.csv
out_is <<'EOF'
Text
[PHONE]
[PHONE]
[PHONE]
[PHONE]
[PHONE]
EOF
