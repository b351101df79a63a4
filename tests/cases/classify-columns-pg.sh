# classify-columns.sh's database cases against PostgreSQL
# (tests/pg/with-cluster starts the server; without one these cases are
# reported skipped), and --pg without sqlite3.
JOB_BACKEND=pg
. "$TOP/tests/cases/classify-columns.sh"
