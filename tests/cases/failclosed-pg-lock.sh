# failclosed-lock.sh's database case against PostgreSQL (tests/pg/with-cluster
# starts the server; without one these cases are reported skipped).
JOB_BACKEND=pg
. "$TOP/tests/cases/failclosed-lock.sh"
