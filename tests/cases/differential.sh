# The CSV layer against an independent reference: generated CSV through
# csvcopy (the reader and writer alone) must read back, with Python's csv
# module, to the same rows, in exactly the minimally quoted form, and
# malformed input must be refused at the right line without its values.
# See tests/differential/csvdiff.py; the seeds are fixed.

tcase 'csvcopy agrees with Python csv on 300 generated inputs and 60 bad ones'
run 0 python3 "$TOP/tests/differential/csvdiff.py" --cases 300 --bad 60 \
    --keep "$PWD/kept"
out_is <<'X'
csvdiff: 360 cases, 0 failed
X
err_empty

tcase 'the check fails when the writer changes a value'
cat >csvcopy <<'X'
#!/bin/sh
command csvcopy "$@" | sed 's/Jane/Jana/'
X
chmod +x csvcopy
run 1 python3 "$TOP/tests/differential/csvdiff.py" --cases 40 --bad 0 \
    --csvcopy "$PWD/csvcopy"
err_has 'output parses to other rows'
