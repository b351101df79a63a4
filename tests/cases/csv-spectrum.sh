# csv-spectrum (tests/conformance/csv-spectrum, BSD-2, Max Ogden): each
# file, passed through a keep-everything scrub, must parse to the rows its
# JSON file lists; and a minimally quoted copy must pass through byte for
# byte.

spectrum=$TOP/tests/conformance/csv-spectrum
for csv in "$spectrum"/csvs/*.csv; do
	name=$(basename "$csv" .csv)

	tcase "csv-spectrum $name parses to its JSON rows"
	printf 'column,action\n*,keep\n' >keep.csv
	run 0 scrub --rules keep.csv "$csv"
	csvjson out | jq -S -c . >got.json 2>&1
	jq -S -c . "$spectrum/json/$name.json" >want.json
	_tcmp rows got.json want.json

	tcase "csv-spectrum $name minimally quoted passes byte for byte"
	printf 'column,action\n*,keep\n' >keep.csv
	csvcopy "$csv" >minimal.csv
	run 0 scrub --rules keep.csv minimal.csv
	out_file_is minimal.csv
done

tcase 'keep-everything scrub: CRLF, BOM and ; pass byte for byte'
printf 'column,action\n*,keep\n' >keep.csv
printf '\357\273\277No.;Name;Note\r\n1;"Smith; Jo";"two\r\nlines"\r\n2;; spaced \r\n' >in.csv
run 0 scrub -d ';' --rules keep.csv in.csv
out_file_is in.csv
