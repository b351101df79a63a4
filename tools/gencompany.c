/*
 * gencompany: write a synthetic Business Central company, one CSV file per
 * table named as the table (SPEC section 6), for the benchmark and for
 * tests at scale.
 *
 * The output is a function of the seed, the scale and --now alone: every
 * row is computed from its table and index through splitmix64, so the
 * same options give the same bytes on any machine, and a table can be
 * written in any order (--sorted) without changing its rows.  The data is
 * as hostile to CSV parsers as real exports are: CRLF line endings, quoted
 * delimiters and quotes, line breaks inside addresses, 2- to 4-byte UTF-8,
 * blanks around unquoted values, and a few fields of several kilobytes.
 * Every person is invented; e-mail addresses are at example.com and
 * example.org, phone numbers use the 555 block.  Post codes of five
 * characters or more hold a space, letter or dash, and no country code is
 * a boolean's spelling (NO), so that the job's leak check (SPEC section
 * 5) does not find them inside document numbers and Yes/No columns.
 *
 * Rows per table for N customers: Customer N; Contact and Contact
 * Business Relation N + N/20; Ship-to Address N/5; Cust. Ledger Entry 8N;
 * Item Ledger Entry 2N; Sales Header N/50; Gen. Journal Line N/200;
 * NPR MM Membership N/10; Sales Invoice Header N; Sales Cr.Memo Header
 * N/10; Sales Shipment Header N/2; Return Receipt Header and Issued
 * Reminder Header N/20 (each at least 1); User Setup 3; Customer GDPR
 * Setup 1; Customer GDPR Log Entries none (header only).
 *
 * Customers: about 3% never transact, 35% stop transacting before the
 * three-year cutoff (a quarter of those are already anonymized), the rest
 * are active; ledger entries are dated in Entry No. order and belong to
 * customers still active on that date; about 1 in 40 recent ledger
 * entries is open.  The setup row filters the posting groups to
 * DOMESTIC|EU|FOREIGN and <>INTERCOMP, Anonymize After is 3Y.
 *
 * With --lake, it writes the companies as bc2adls writes them to a data
 * lake instead (see "--lake" below): the fixture fixtures/lake is made
 * so (fixtures/README.md).
 *
 * usage: gencompany [--customers N] [--seed S] [--now DATE] [--sorted]
 *            [--columns-from DIR] [--table NAME]... --out DIR
 *        gencompany --lake [--companies N] [--spec TABLES] [--bc DIR]
 *            [--fields DIR] [--customers N] [--seed S] [--now DATE]
 *            [--sorted] [--table NAME]... --out DIR
 *   --customers N        the scale (default 1000000; --scale is the same)
 *   --now DATE           today, YYYY-MM-DD (default 2026-11-29)
 *   --sorted             write the two ledgers ordered by customer key
 *   --columns-from DIR   each table's columns from DIR/<Table>.csv's
 *                        header when it exists (unknown columns empty)
 *   --table NAME         write only this table (repeatable)
 *   --lake               a bc2adls data lake in DIR (data/, deltas/)
 *   --companies N        with --lake, N companies (default 1), company k
 *                        from seed S + k
 *   --spec, --bc, --fields   with --lake, the table numbers and field
 *                        lists, as custanon-lakemap takes them
 * Exit status: 0 success, 1 I/O error, 2 usage error (or lists that
 * lack a table's number or a field's type).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcfields.h"
#include "buf.h"
#include "csvio.h"
#include "diag.h"
#include "lake.h"
#include "opts.h"

#define MAXCOLS		64
#define ARENA		(1024 * 1024)	/* row scratch; a row needs < 64 KiB */
#define NOACT		(-1)		/* customer without any transaction */
#define NODATE		(-1)		/* empty date */
#define ZERODATE	(-2)		/* 0001-01-01, also no date */
#define SPAN		4383		/* days of history: twelve years */

/* Random streams: one per kind of row, so tables do not share draws. */
enum {
	S_CUST = 1, S_ACT, S_CONTACT, S_CBR, S_SHIPTO, S_CLE, S_ILE, S_SH,
	S_GJL, S_MEMB, S_POSTED, S_REMIND, S_PICK
};

struct rng {
	uint64_t	s;
};

struct val {
	const char	*p;
	size_t		 n;
};

struct cust;
struct gen;
struct table;

typedef void	rowfn(struct gen *, const struct table *, uint64_t);

struct table {
	const char		*name;	/* BC table name, file name stem */
	const char *const	*cols;	/* built-in column set */
	rowfn			*row;	/* fills gen.v for row i */
	unsigned		 num;	/* rows = max(1, N * num / den) ... */
	unsigned		 den;
	uint64_t		 fixed;	/* ... or exactly this many when num 0 */
	int			 stream;
	const char		*docpfx;	/* document number prefix */
	int			 sortable;	/* --sorted orders it by customer */
};

struct gen {
	uint64_t	 seed;
	uint64_t	 ncust;
	int		 today;		/* day number of --now */
	int		 start;		/* first day of history */
	int		 cutoff;	/* today minus three years */
	struct val	 v[MAXCOLS];	/* the current row, by built-in column */
	char		*arena;
	size_t		 alen;
	struct cust	*cu;		/* the row's customer ... */
	struct cust	*bill;		/* ... and its bill-to customer */
	int		 lake;		/* --lake: a few values of its own */
};

struct city {
	const char	*city, *post, *county, *country, *cc;
	const char	*lang, *currency;	/* Language Code, Currency Code */
};

struct person {
	const char	*name;	/* UTF-8 */
	const char	*slug;	/* ASCII, for e-mail addresses */
};

static const struct person firsts[] = {
	{ "Anna", "anna" }, { "Lars", "lars" }, { "S\303\270ren", "soren" },
	{ "Zo\303\253", "zoe" }, { "Jos\303\251", "jose" },
	{ "\305\201ukasz", "lukasz" }, { "Ma\305\202gorzata", "malgorzata" },
	{ "J\303\274rgen", "jurgen" }, { "Fran\303\247oise", "francoise" },
	{ "Bj\303\266rn", "bjorn" }, { "\303\206gir", "aegir" },
	{ "O\304\237uz", "oguz" },
	{ "\320\224\320\274\320\270\321\202\321\200\320\270\320\271",
	    "dmitrij" },
	{ "\316\223\316\271\317\216\317\201\316\263\316\277\317\202",
	    "giorgos" },
	{ "\347\276\216\345\222\262", "misaki" }, { "Hana", "hana" },
	{ "Noah", "noah" }, { "Emma", "emma" }, { "Mette", "mette" },
	{ "Niels", "niels" }, { "Ida", "ida" }, { "Freja", "freja" },
	{ "Mads", "mads" }, { "Olivia", "olivia" }, { "William", "william" },
	{ "Karl", "karl" }, { "In\303\250s", "ines" }, { "Ea", "ea" },
	{ "Bo", "bo" }, { "Tuva", "tuva" }, { "Eero", "eero" },
	{ "Aino", "aino" }
};

static const struct person lasts[] = {
	{ "Jensen", "jensen" }, { "Nielsen", "nielsen" },
	{ "Hansen", "hansen" }, { "Pedersen", "pedersen" },
	{ "Andersen", "andersen" }, { "M\303\274ller", "muller" },
	{ "Sch\303\244fer", "schafer" }, { "Kowalski", "kowalski" },
	{ "Nowak", "nowak" }, { "Wi\305\233niewski", "wisniewski" },
	{ "Garc\303\255a", "garcia" }, { "O'Brien", "obrien" },
	{ "\303\230deg\303\245rd", "odegard" },
	{ "Dvo\305\231\303\241k", "dvorak" },
	{ "\320\230\320\262\320\260\320\275\320\276\320\262\320\260",
	    "ivanova" },
	{ "\345\261\261\347\224\260", "yamada" },
	{ "Smith-Jones", "smithjones" }, { "van der Berg", "vanderberg" },
	{ "\303\230stergaard", "ostergaard" }, { "Quist", "quist" },
	{ "Lindqvist", "lindqvist" }, { "Korhonen", "korhonen" },
	{ "Testesen", "testesen" }, { "Exampleton", "exampleton" }
};

static const char *const streets[] = {
	"N\303\270rregade", "Hauptstra\303\237e", "Main Street",
	"ul. D\305\202uga", "Rue de l'\303\211glise", "Strandvejen",
	"Storgatan", "Via Roma", "\351\212\200\345\272\247\351\200\232\343"
	"\202\212", "Sample Road", "Fiktivvej", "Kastanjealle"
};

static const struct city cities[] = {
	{ "K\303\270benhavn K", "1050", "", "DK", "45", "DAN", "" },
	{ "Aarhus C", "8000", "", "DK", "45", "DAN", "" },
	{ "Odense", "5000", "", "DK", "45", "DAN", "" },
	{ "Malm\303\266", "211 20", "Sk\303\245ne", "SE", "46", "SVE", "SEK" },
	{ "Hamburg", "D-20095", "Hamburg", "DE", "49", "DEU", "EUR" },
	{ "Krak\303\263w", "30-001", "ma\305\202opolskie", "PL", "48", "PLK",
	    "PLN" },
	{ "Z\303\274rich", "8001", "ZH", "CH", "41", "DES", "CHF" },
	{ "\305\201\303\263d\305\272", "90-001", "\305\202\303\263dzkie", "PL",
	    "48", "PLK", "PLN" },
	{ "\346\235\261\344\272\254", "100-0001", "\346\235\261\344\272\254"
	    "\351\203\275", "JP", "81", "JPN", "JPY" },
	{ "Springfield", "IL 62701", "IL", "US", "1", "ENU", "USD" },
	{ "Reykjav\303\255k", "101", "", "IS", "354", "ISL", "ISK" },
	{ "\316\221\316\270\316\256\316\275\316\261", "105 57", "", "GR",
	    "30", "ELL", "EUR" },
	{ "Dublin", "D02 X285", "Co. Dublin", "IE", "353", "ENG", "EUR" },
	{ "Helsinki", "FI-00100", "Uusimaa", "FI", "358", "FIN", "EUR" }
};

static const char *const words[] = {
	"order", "delivery", "ref.", "\342\202\254", "\303\270kologisk",
	"caf\303\251", "\347\264\215\345\223\201", "\360\237\223\246",
	"na\303\257ve", "stra\303\237e", "note", "pallet", "\"rush\"",
	"back-order,", "gift", "invoice"
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Built-in column sets: the BC field names, in the order of the fixture
 * company (fixtures/company).  Enums index them.
 */

enum {
	CU_NO, CU_NAME, CU_SEARCH, CU_NAME2, CU_ADDR, CU_ADDR2, CU_CITY,
	CU_POST, CU_COUNTY, CU_COUNTRY, CU_CONTACT, CU_PHONE, CU_MOBILE,
	CU_FAX, CU_TELEX, CU_EMAIL, CU_HOME, CU_VAT, CU_GLN, CU_PRIMCONTACT,
	CU_CPG, CU_GBPG, CU_VBPG, CU_PAYTERMS, CU_CURRENCY, CU_LANG, CU_SP,
	CU_BILLTO, CU_BLOCKED, CU_PRIVBLOCKED, CU_LDM, CU_TOANON, CU_TOANONON,
	CU_ANON, CU_ANONDATE
};
static const char *const cust_cols[] = {
	"No.", "Name", "Search Name", "Name 2", "Address", "Address 2",
	"City", "Post Code", "County", "Country/Region Code", "Contact",
	"Phone No.", "Mobile Phone No.", "Fax No.", "Telex No.", "E-Mail",
	"Home Page", "VAT Registration No.", "GLN", "Primary Contact No.",
	"Customer Posting Group", "Gen. Bus. Posting Group",
	"VAT Bus. Posting Group", "Payment Terms Code", "Currency Code",
	"Language Code", "Salesperson Code", "Bill-to Customer No.", "Blocked",
	"Privacy Blocked", "Last Date Modified", "To Anonymize",
	"To Anonymize On", "Anonymized", "Anonymized Date", NULL
};

enum {
	CT_NO, CT_TYPE, CT_COMPNO, CT_COMPNAME, CT_NAME, CT_SEARCH, CT_NAME2,
	CT_FIRST, CT_MIDDLE, CT_SURNAME, CT_JOB, CT_INITIALS, CT_ADDR,
	CT_ADDR2, CT_CITY, CT_POST, CT_COUNTY, CT_COUNTRY, CT_PHONE,
	CT_MOBILE, CT_FAX, CT_TELEX, CT_PAGER, CT_EMAIL, CT_SEARCHEMAIL,
	CT_HOME, CT_VAT, CT_SP, CT_LANG, CT_PRIVBLOCKED, CT_LDM
};
static const char *const contact_cols[] = {
	"No.", "Type", "Company No.", "Company Name", "Name", "Search Name",
	"Name 2", "First Name", "Middle Name", "Surname", "Job Title",
	"Initials", "Address", "Address 2", "City", "Post Code", "County",
	"Country/Region Code", "Phone No.", "Mobile Phone No.", "Fax No.",
	"Telex No.", "Pager", "E-Mail", "Search E-Mail", "Home Page",
	"VAT Registration No.", "Salesperson Code", "Language Code",
	"Privacy Blocked", "Last Date Modified", NULL
};

enum { CB_CONTACT, CB_CODE, CB_LINK, CB_NO };
static const char *const cbr_cols[] = {
	"Contact No.", "Business Relation Code", "Link to Table", "No.", NULL
};

enum {
	ST_CUST, ST_CODE, ST_NAME, ST_NAME2, ST_ADDR, ST_ADDR2, ST_CITY,
	ST_POST, ST_COUNTY, ST_COUNTRY, ST_CONTACT, ST_PHONE, ST_FAX,
	ST_EMAIL, ST_HOME, ST_GLN, ST_LOC, ST_LDM
};
static const char *const shipto_cols[] = {
	"Customer No.", "Code", "Name", "Name 2", "Address", "Address 2",
	"City", "Post Code", "County", "Country/Region Code", "Contact",
	"Phone No.", "Fax No.", "E-Mail", "Home Page", "GLN", "Location Code",
	"Last Date Modified", NULL
};

enum {
	CL_ENTRY, CL_CUST, CL_CUSTNAME, CL_DATE, CL_DOCTYPE, CL_DOCNO,
	CL_DESC, CL_AMOUNT, CL_OPEN, CL_DUE, CL_EXTDOC, CL_CURRENCY, CL_SP
};
static const char *const cle_cols[] = {
	"Entry No.", "Customer No.", "Customer Name", "Posting Date",
	"Document Type", "Document No.", "Description", "Amount", "Open",
	"Due Date", "External Document No.", "Currency Code",
	"Salesperson Code", NULL
};

enum {
	IL_ENTRY, IL_ITEM, IL_DATE, IL_TYPE, IL_SRCTYPE, IL_SRCNO, IL_DOCNO,
	IL_QTY, IL_LOC
};
static const char *const ile_cols[] = {
	"Entry No.", "Item No.", "Posting Date", "Entry Type", "Source Type",
	"Source No.", "Document No.", "Quantity", "Location Code", NULL
};

enum {
	SH_DOCTYPE, SH_NO, SH_SELLTO, SH_BILLTO, SH_SELLNAME, SH_ORDERDATE
};
static const char *const sh_cols[] = {
	"Document Type", "No.", "Sell-to Customer No.", "Bill-to Customer No.",
	"Sell-to Customer Name", "Order Date", NULL
};

enum {
	GJ_TEMPLATE, GJ_BATCH, GJ_LINE, GJ_ACCTYPE, GJ_ACCNO, GJ_DATE,
	GJ_DOCNO, GJ_DESC, GJ_AMOUNT, GJ_BALTYPE, GJ_BALNO
};
static const char *const gjl_cols[] = {
	"Journal Template Name", "Journal Batch Name", "Line No.",
	"Account Type", "Account No.", "Posting Date", "Document No.",
	"Description", "Amount", "Bal. Account Type", "Bal. Account No.", NULL
};

enum { MM_ENTRY, MM_EXTNO, MM_CUST, MM_CODE, MM_ISSUED, MM_BLOCKED };
static const char *const memb_cols[] = {
	"Entry No.", "External Membership No.", "Customer No.",
	"Membership Code", "Issued Date", "Blocked", NULL
};

/* The four posted headers: one set but for the column PH_SPECIFIC. */
enum {
	PH_NO, PH_SELLTO, PH_TNAME, PH_TNAME2, PH_TADDR, PH_TADDR2, PH_TCITY,
	PH_TPOST, PH_TCOUNTY, PH_TCOUNTRY, PH_TCONTACT, PH_TPHONE, PH_TEMAIL,
	PH_TCONTACTNO, PH_BILLTO, PH_BNAME, PH_BNAME2, PH_BADDR, PH_BADDR2,
	PH_BCITY, PH_BPOST, PH_BCOUNTY, PH_BCOUNTRY, PH_BCONTACT,
	PH_BCONTACTNO, PH_VAT, PH_SCODE, PH_SNAME, PH_SNAME2, PH_SADDR,
	PH_SADDR2, PH_SCITY, PH_SPOST, PH_SCOUNTY, PH_SCOUNTRY, PH_SCONTACT,
	PH_SPHONE, PH_DATE, PH_DOCDATE, PH_SPECIFIC, PH_EXTDOC, PH_YOURREF,
	PH_POSTDESC, PH_WORKDESC, PH_CURRENCY, PH_AMOUNT
};
#define POSTED_COLS(specific) {						\
	"No.", "Sell-to Customer No.", "Sell-to Customer Name",		\
	"Sell-to Customer Name 2", "Sell-to Address", "Sell-to Address 2", \
	"Sell-to City", "Sell-to Post Code", "Sell-to County",		\
	"Sell-to Country/Region Code", "Sell-to Contact",		\
	"Sell-to Phone No.", "Sell-to E-Mail", "Sell-to Contact No.",	\
	"Bill-to Customer No.", "Bill-to Name", "Bill-to Name 2",	\
	"Bill-to Address", "Bill-to Address 2", "Bill-to City",		\
	"Bill-to Post Code", "Bill-to County",				\
	"Bill-to Country/Region Code", "Bill-to Contact",		\
	"Bill-to Contact No.", "VAT Registration No.", "Ship-to Code",	\
	"Ship-to Name", "Ship-to Name 2", "Ship-to Address",		\
	"Ship-to Address 2", "Ship-to City", "Ship-to Post Code",	\
	"Ship-to County", "Ship-to Country/Region Code",		\
	"Ship-to Contact", "Ship-to Phone No.", "Posting Date",		\
	"Document Date", specific, "External Document No.",		\
	"Your Reference", "Posting Description", "Work Description",	\
	"Currency Code", "Amount", NULL }
static const char *const invoice_cols[] = POSTED_COLS("Order No.");
static const char *const crmemo_cols[] = POSTED_COLS("Applies-to Doc. No.");
static const char *const shipment_cols[] = POSTED_COLS("Order No.");
static const char *const receipt_cols[] = POSTED_COLS("Return Order No.");

enum {
	IR_NO, IR_CUST, IR_NAME, IR_NAME2, IR_ADDR, IR_ADDR2, IR_CITY,
	IR_POST, IR_COUNTY, IR_COUNTRY, IR_CONTACT, IR_VAT, IR_CPG, IR_DATE,
	IR_DOCDATE, IR_DUE, IR_LEVEL, IR_CURRENCY, IR_YOURREF, IR_POSTDESC
};
static const char *const remind_cols[] = {
	"No.", "Customer No.", "Name", "Name 2", "Address", "Address 2",
	"City", "Post Code", "County", "Country/Region Code", "Contact",
	"VAT Registration No.", "Customer Posting Group", "Posting Date",
	"Document Date", "Due Date", "Reminder Level", "Currency Code",
	"Your Reference", "Posting Description", NULL
};

enum { US_USER, US_ANON, US_FROM, US_TO };
static const char *const usersetup_cols[] = {
	"User ID", "Anonymize Customers", "Allow Posting From",
	"Allow Posting To", NULL
};

enum { GS_PK, GS_AFTER, GS_CPG, GS_GBPG };
static const char *const gdprsetup_cols[] = {
	"Primary Key", "Anonymize After", "Customer Posting Group Filter",
	"Gen. Bus. Posting Group Filter", NULL
};

/*
 * The open-document tables of Business Central's other modules the checks
 * read (pipelines/rules/checks.csv): present, with their key columns, and
 * empty (a retail company has none open).
 */
static const char *const svh_cols[] = {
	"Document Type", "No.", "Customer No.", "Bill-to Customer No.",
	"Name", "Order Date", NULL
};
static const char *const ph_cols[] = {
	"Document Type", "No.", "Buy-from Vendor No.", "Sell-to Customer No.",
	"Ship-to Name", "Order Date", NULL
};
static const char *const openrem_cols[] = {
	"No.", "Customer No.", "Name", "Document Date", NULL
};
static const char *const contract_cols[] = {
	"Contract Type", "Contract No.", "Customer No.",
	"Bill-to Customer No.", "Status", "Description", NULL
};
static const char *const ic_cols[] = {
	"IC Transaction No.", "IC Partner Code", "Transaction Source",
	"Document Type", "No.", "Sell-to Customer No.",
	"Bill-to Customer No.", NULL
};
static const char *const bankrec_cols[] = {
	"Statement Type", "Bank Account No.", "Statement No.",
	"Statement Line No.", "Account Type", "Account No.",
	"Transaction Date", "Description", NULL
};

static const char *const log_cols[] = {
	"Entry No.", "Customer No.", "Status", "Reason", "Logged At", "User",
	NULL
};

/* A customer's attributes, shared by every table that copies them. */
struct cust {
	uint64_t	 c;
	char		 no[16];
	int		 act;		/* last day with a transaction, NOACT */
	int		 anon;		/* already anonymized */
	int		 company;
	const struct person *first, *last;
	const struct city *city;
	char		 name[128], search[128], contact[96], addr[192];
	char		 email[96], phone[32], mobile[32], vat[24], gln[16];
	const char	*name2, *addr2;
	char		 cityv[64];	/* city, perhaps with blanks around */
	const char	*cpg, *gbpg, *vbpg, *sp, *payterms;
	char		 billto[16];
	int		 ldm;		/* Last Date Modified, NODATE, ZERODATE */
	int		 toanon;	/* To Anonymize */
	int		 toanonon;	/* To Anonymize On, or NODATE */
	int		 anondate;	/* Anonymized Date, when anon */
	const char	*blocked;
};

static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* rng_at: the generator for row i of stream s: independent of all others. */
static void
rng_at(struct rng *r, const struct gen *g, int s, uint64_t i)
{
	r->s = mix64(g->seed + mix64((uint64_t)s * 0x9e3779b97f4a7c15ULL +
	    mix64(i)));
}

static uint64_t
rnext(struct rng *r)
{
	return mix64(r->s += 0x9e3779b97f4a7c15ULL);
}

/* below: uniform in [0, n) for n < 2^32. */
static uint32_t
below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

/* per: true with probability k in 1000. */
static int
per(struct rng *r, unsigned k)
{
	return below(r, 1000) < k;
}

static int
days_from_civil(int y, unsigned m, unsigned d)
{
	int era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

static void
civil_from_days(int z, int *y, unsigned *m, unsigned *d)
{
	int era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)yoe + era * 400 + (*m <= 2);
}

/* Row scratch: strings for the current row, valid until the next row. */

static char *
aalloc(struct gen *g, size_t n)
{
	char *p;

	if (g->alen + n > ARENA)
		diag_die(EXIT_DATA, "row too large");
	p = g->arena + g->alen;
	g->alen += n;
	return p;
}

static void
put(struct gen *g, int col, const char *s)
{
	g->v[col].p = s;
	g->v[col].n = strlen(s);
}

static void
putf(struct gen *g, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
putf(struct gen *g, int col, const char *fmt, ...)
{
	va_list ap;
	char *p = g->arena + g->alen;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(p, ARENA - g->alen, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= ARENA - g->alen)
		diag_die(EXIT_DATA, "row too large");
	g->alen += (size_t)n + 1;
	g->v[col].p = p;
	g->v[col].n = (size_t)n;
}

static void
putdate(struct gen *g, int col, int day)
{
	int y;
	unsigned m, d;

	if (day == NODATE) {
		put(g, col, "");
		return;
	}
	if (day == ZERODATE) {
		put(g, col, "0001-01-01");
		return;
	}
	civil_from_days(day, &y, &m, &d);
	putf(g, col, "%04d-%02u-%02u", y, m, d);
}

/* putstamp: an ISO 8601 UTC date-time on day, at a time drawn from r. */
static void
putstamp(struct gen *g, int col, int day, struct rng *r)
{
	int y;
	unsigned m, d, s = below(r, 86400);

	civil_from_days(day, &y, &m, &d);
	putf(g, col, "%04d-%02u-%02uT%02u:%02u:%02uZ", y, m, d, s / 3600,
	    s / 60 % 60, s % 60);
}

static void
putamount(struct gen *g, int col, long cents)
{
	unsigned long a = (unsigned long)(cents < 0 ? -cents : cents);

	putf(g, col, "%s%lu.%02lu", cents < 0 ? "-" : "", a / 100, a % 100);
}

/*
 * bigtext: a free text of 4 to 16 KiB in the arena, mixing multi-byte
 * words, quotes, commas, line feeds and, when withpii, an e-mail address
 * and a phone number.  Without withpii (a customer's Address 2, an
 * original value the leak check looks for line by line) no line holds
 * fewer than three words: a line of one word ("pallet") would be found
 * in the customer's invoices ("PO 2945, pallet") and hold it back.
 */
static const char *
bigtext(struct gen *g, struct rng *r, int withpii)
{
	size_t want = 4096 + below(r, 12288), n = 0, k;
	char *p = aalloc(g, want + 128);
	const char *w;
	int nw = 0;

	while (n < want) {
		if (withpii && n > 0 && below(r, 200) == 0) {
			w = "ask for kim.exampleton@example.org or +45 555 0199 "
			    "123";
		} else
			w = words[below(r, NELEM(words))];
		k = strlen(w);
		memcpy(p + n, w, k);
		n += k;
		nw++;
		if (below(r, 16) == 0 && (withpii || nw >= 3)) {
			p[n++] = '\n';
			nw = 0;
		} else
			p[n++] = ' ';
	}
	p[n] = '\0';
	return p;
}

/*
 * cust_act: the customer's last transaction day, NOACT for none, and
 * whether it is already anonymized.  Cheap: the ledgers call it for
 * every pick.
 */
static int
cust_act(const struct gen *g, uint64_t c, int *anon)
{
	struct rng r;
	uint32_t k;
	int act;

	rng_at(&r, g, S_ACT, c);
	k = below(&r, 1000);
	if (k < 30)
		act = NOACT;
	else if (k < 380)
		act = g->start + (int)below(&r,
		    (uint32_t)(g->cutoff - g->start));
	else if (k < 500)
		act = g->cutoff + (int)below(&r,
		    (uint32_t)(g->today - g->cutoff + 1));
	else
		act = g->today;
	if (anon != NULL)
		*anon = (k >= 30 && k < 380 && below(&r, 4) == 0) ||
		    (k < 30 && below(&r, 10) == 0);
	return act;
}

static void
custno(char *buf, size_t n, uint64_t c)
{
	snprintf(buf, n, "C%07llu", (unsigned long long)c + 1);
}

/* cust_make: every attribute of customer c, the same for every caller. */
static void
cust_make(struct gen *g, uint64_t c, struct cust *cu)
{
	struct rng r;
	size_t i;
	uint32_t k;
	int street;

	memset(cu, 0, sizeof(*cu));
	cu->c = c;
	custno(cu->no, sizeof(cu->no), c);
	cu->act = cust_act(g, c, &cu->anon);
	rng_at(&r, g, S_CUST, c);
	cu->company = per(&r, 200);
	cu->first = &firsts[below(&r, NELEM(firsts))];
	cu->last = &lasts[below(&r, NELEM(lasts))];
	cu->city = &cities[below(&r, NELEM(cities))];
	snprintf(cu->contact, sizeof(cu->contact), "%s %s", cu->first->name,
	    cu->last->name);
	if (!cu->company)
		snprintf(cu->name, sizeof(cu->name), "%s", cu->contact);
	else {
		k = below(&r, 10);
		if (k < 4)
			snprintf(cu->name, sizeof(cu->name), "%s & %s ApS",
			    cu->last->name, lasts[below(&r, NELEM(lasts))].name);
		else if (k < 7)
			snprintf(cu->name, sizeof(cu->name),
			    "%s, %s and Partners", cu->last->name,
			    lasts[below(&r, NELEM(lasts))].name);
		else if (k < 9)
			snprintf(cu->name, sizeof(cu->name),
			    "\"Sm\303\270rrebr\303\270d\" %s A/S",
			    cu->last->name);
		else
			snprintf(cu->name, sizeof(cu->name),
			    "Caf\303\251 %s \360\237\215\260", cu->last->name);
	}
	for (i = 0; cu->name[i] != '\0' && i + 1 < sizeof(cu->search); i++)
		cu->search[i] = (cu->name[i] >= 'a' && cu->name[i] <= 'z') ?
		    (char)(cu->name[i] - 'a' + 'A') : cu->name[i];
	cu->search[i] = '\0';
	k = below(&r, 1000);
	cu->name2 = k < 40 ? "c/o Reception" : k < 45 ?
	    "\360\237\214\273 VIP" : "";
	street = (int)below(&r, NELEM(streets));
	k = below(&r, 1000);
	if (k < 15)
		snprintf(cu->addr, sizeof(cu->addr),
		    "Building %u\r\n%s %u", below(&r, 9) + 1, streets[street],
		    below(&r, 200) + 1);
	else if (k < 25)
		snprintf(cu->addr, sizeof(cu->addr), "%s %u\n2. sal, th.",
		    streets[street], below(&r, 200) + 1);
	else if (k < 45)
		snprintf(cu->addr, sizeof(cu->addr), "%s %u, 3rd floor",
		    streets[street], below(&r, 200) + 1);
	else
		snprintf(cu->addr, sizeof(cu->addr), "%s %u", streets[street],
		    below(&r, 200) + 1);
	cu->addr2 = per(&r, 50) ? "Entrance \"B\"" : "";
	if (per(&r, 30))
		snprintf(cu->cityv, sizeof(cu->cityv), " %s ", cu->city->city);
	else
		snprintf(cu->cityv, sizeof(cu->cityv), "%s", cu->city->city);
	snprintf(cu->phone, sizeof(cu->phone), "+%s 555 %04u %03u",
	    cu->city->cc, below(&r, 10000), below(&r, 1000));
	if (!cu->company && per(&r, 600))
		snprintf(cu->mobile, sizeof(cu->mobile), "+%s 555 %04u %03u",
		    cu->city->cc, below(&r, 10000), below(&r, 1000));
	k = below(&r, 1000);
	if (k < 50)
		cu->email[0] = '\0';
	else
		snprintf(cu->email, sizeof(cu->email), "%s.%s%llu@%s",
		    cu->first->slug, cu->last->slug,
		    (unsigned long long)c + 1,
		    k < 700 ? "example.com" : "example.org");
	if (cu->company)
		snprintf(cu->vat, sizeof(cu->vat), "%s99%06u",
		    cu->city->country, below(&r, 1000000));
	if (per(&r, 100))
		snprintf(cu->gln, sizeof(cu->gln), "57900%08u",
		    below(&r, 100000000));
	k = below(&r, 1000);
	cu->cpg = k < 20 ? "INTERCOMP" : k < 70 ? "EMPLOYEE" : k < 650 ?
	    "DOMESTIC" : k < 900 ? "EU" : "FOREIGN";
	k = below(&r, 1000);
	cu->gbpg = k < 20 ? "INTERCOMP" : k < 600 ? "DOMESTIC" : k < 850 ?
	    "EU" : "EXPORT";
	cu->vbpg = k < 600 ? "DOMESTIC" : k < 850 ? "EU" : "EXPORT";
	k = below(&r, 8);
	cu->sp = k < 3 ? "JR" : k < 6 ? "AB" : "";
	cu->payterms = k % 3 == 0 ? "14D" : k % 3 == 1 ? "30D" : "CM";
	k = below(&r, 1000);
	if (k < 40 && g->ncust > 1) {
		uint64_t b = below(&r, (uint32_t)g->ncust);
		custno(cu->billto, sizeof(cu->billto), b == c ?
		    (c + 1) % g->ncust : b);
	} else if (k < 50)
		snprintf(cu->billto, sizeof(cu->billto), "%s", cu->no);
	k = below(&r, 1000);
	cu->ldm = k < 10 ? NODATE : k < 20 ? ZERODATE :
	    g->start + (int)below(&r, (uint32_t)(g->today - g->start + 1));
	cu->toanon = per(&r, 50);
	cu->toanonon = cu->toanon ? g->today - 30 + (int)below(&r, 60) :
	    NODATE;
	cu->blocked = per(&r, 20) ? "Invoice" : "";
	if (cu->anon) {
		/* What the reference wrote when it anonymized them. */
		strcpy(cu->name, "------");
		strcpy(cu->search, "------");
		strcpy(cu->contact, "------");
		strcpy(cu->addr, "------ --");
		strcpy(cu->email, "------@----");
		cu->name2 = "------";
		cu->addr2 = "------ --";
		cu->cityv[0] = cu->phone[0] = cu->vat[0] = cu->gln[0] = '\0';
		cu->anondate = cu->act == NOACT ? g->cutoff :
		    cu->act + 1100 + (int)below(&r, 30);
		cu->toanon = 0;
		cu->toanonon = NODATE;
		cu->blocked = "All";
	}
}

/* pick: a customer still transacting on day d, for a ledger row. */
static uint64_t
pick(struct gen *g, struct rng *r, int d)
{
	uint64_t c = 0;
	int t;

	for (t = 0; t < 64; t++) {
		c = below(r, (uint32_t)g->ncust);
		if (cust_act(g, c, NULL) >= d)
			return c;
	}
	for (t = 0; (uint64_t)t < g->ncust; t++, c = (c + 1) % g->ncust)
		if (cust_act(g, c, NULL) >= d)
			break;
	return c;
}

/* dayof: the posting day of row i of n, rising with i across the span. */
static int
dayof(const struct gen *g, uint64_t i, uint64_t n)
{
	return g->start + (int)((i * (uint64_t)(g->today - g->start)) /
	    (n > 1 ? n - 1 : 1));
}

static uint64_t
nrows(const struct gen *g, const struct table *t)
{
	uint64_t n;

	if (t->num == 0)
		return t->fixed;
	n = g->ncust * t->num / t->den;
	return n > 0 ? n : 1;
}

static void
row_customer(struct gen *g, const struct table *t, uint64_t i)
{
	struct cust *cu = g->cu;
	struct rng r;

	(void)t;
	cust_make(g, i, cu);
	put(g, CU_NO, cu->no);
	put(g, CU_NAME, cu->name);
	put(g, CU_SEARCH, cu->search);
	put(g, CU_NAME2, cu->name2);
	put(g, CU_ADDR, cu->addr);
	rng_at(&r, g, S_CUST, i + (1ULL << 40));
	if (!cu->anon && i % 50021 == 7)
		put(g, CU_ADDR2, bigtext(g, &r, 0));
	else
		put(g, CU_ADDR2, cu->addr2);
	put(g, CU_CITY, cu->cityv);
	put(g, CU_POST, cu->anon ? "" : cu->city->post);
	put(g, CU_COUNTY, cu->anon ? "" : cu->city->county);
	put(g, CU_COUNTRY, cu->anon ? "" : cu->city->country);
	put(g, CU_CONTACT, cu->contact);
	put(g, CU_PHONE, cu->phone);
	put(g, CU_MOBILE, cu->mobile);
	put(g, CU_FAX, cu->company && !cu->anon && i % 7 == 0 ? cu->phone : "");
	put(g, CU_TELEX, "");
	put(g, CU_EMAIL, cu->email);
	put(g, CU_HOME, cu->anon ? "nowhere.com" : cu->company && i % 3 == 0 ?
	    "www.example.com" : "");
	put(g, CU_VAT, cu->vat);
	put(g, CU_GLN, cu->gln);
	putf(g, CU_PRIMCONTACT, "CT%07llu", (unsigned long long)i + 1);
	put(g, CU_CPG, cu->cpg);
	put(g, CU_GBPG, cu->gbpg);
	put(g, CU_VBPG, cu->vbpg);
	put(g, CU_PAYTERMS, cu->payterms);
	put(g, CU_CURRENCY, cu->city->currency);
	put(g, CU_LANG, cu->city->lang);
	put(g, CU_SP, cu->sp);
	put(g, CU_BILLTO, cu->billto);
	put(g, CU_BLOCKED, cu->blocked);
	put(g, CU_PRIVBLOCKED, "No");
	putdate(g, CU_LDM, cu->ldm);
	put(g, CU_TOANON, cu->toanon ? "Yes" : "No");
	putdate(g, CU_TOANONON, cu->toanonon);
	put(g, CU_ANON, cu->anon ? "Yes" : "No");
	if (cu->anon)
		putstamp(g, CU_ANONDATE, cu->anondate, &r);
	else
		put(g, CU_ANONDATE, "");
}

static void
row_contact(struct gen *g, const struct table *t, uint64_t i)
{
	struct cust *cu = g->cu;
	struct rng r;

	(void)t;
	rng_at(&r, g, S_CONTACT, i);
	putf(g, CT_NO, "CT%07llu", (unsigned long long)i + 1);
	if (i >= g->ncust) {
		/* A vendor's company contact. */
		put(g, CT_TYPE, "Company");
		put(g, CT_COMPNO, g->v[CT_NO].p);
		putf(g, CT_COMPNAME, "Supplier %llu A/S",
		    (unsigned long long)(i - g->ncust + 1));
		g->v[CT_NAME] = g->v[CT_SEARCH] = g->v[CT_COMPNAME];
		put(g, CT_NAME2, "");
		put(g, CT_FIRST, "");
		put(g, CT_MIDDLE, "");
		put(g, CT_SURNAME, "");
		put(g, CT_INITIALS, "");
		put(g, CT_JOB, "");
		putf(g, CT_ADDR, "%s %u", streets[below(&r, NELEM(streets))],
		    below(&r, 90) + 1);
		put(g, CT_ADDR2, "");
		put(g, CT_CITY, cities[0].city);
		put(g, CT_POST, cities[0].post);
		put(g, CT_COUNTY, "");
		put(g, CT_COUNTRY, "DK");
		putf(g, CT_PHONE, "+45 555 %04u %03u", below(&r, 10000),
		    below(&r, 1000));
		put(g, CT_MOBILE, "");
		put(g, CT_FAX, "");
		put(g, CT_TELEX, "");
		put(g, CT_PAGER, "");
		putf(g, CT_EMAIL, "sales%llu@example.org",
		    (unsigned long long)(i - g->ncust + 1));
		g->v[CT_SEARCHEMAIL] = g->v[CT_EMAIL];
		put(g, CT_HOME, "www.example.org");
		putf(g, CT_VAT, "DK99%06u", below(&r, 1000000));
		put(g, CT_LANG, "DAN");
		put(g, CT_PRIVBLOCKED, "No");
		putdate(g, CT_LDM, g->start + (int)below(&r, SPAN));
		return;
	}
	cust_make(g, i, cu);
	put(g, CT_TYPE, cu->company ? "Company" : "Person");
	put(g, CT_COMPNO, cu->company ? g->v[CT_NO].p : "");
	put(g, CT_COMPNAME, cu->company ? cu->name : "");
	put(g, CT_NAME, cu->name);
	put(g, CT_SEARCH, cu->search);
	put(g, CT_NAME2, cu->name2);
	put(g, CT_FIRST, cu->anon ? "------" : cu->company ? "" :
	    cu->first->name);
	put(g, CT_MIDDLE, per(&r, 100) && !cu->anon ? "Maria" : "");
	put(g, CT_SURNAME, cu->anon ? "------" : cu->company ? "" :
	    cu->last->name);
	if (cu->anon || cu->company)
		put(g, CT_INITIALS, cu->anon ? "------" : "");
	else
		putf(g, CT_INITIALS, "%c%c", cu->first->slug[0] - 'a' + 'A',
		    cu->last->slug[0] - 'a' + 'A');
	put(g, CT_JOB, cu->anon ? "------" : per(&r, 200) ? "Purchaser" : "");
	put(g, CT_ADDR, cu->addr);
	put(g, CT_ADDR2, cu->addr2);
	put(g, CT_CITY, cu->cityv);
	put(g, CT_POST, cu->anon ? "" : cu->city->post);
	put(g, CT_COUNTY, cu->anon ? "" : cu->city->county);
	put(g, CT_COUNTRY, cu->anon ? "" : cu->city->country);
	put(g, CT_PHONE, cu->phone);
	put(g, CT_MOBILE, cu->mobile);
	put(g, CT_FAX, "");
	put(g, CT_TELEX, "");
	put(g, CT_PAGER, "");
	put(g, CT_EMAIL, cu->email);
	put(g, CT_SEARCHEMAIL, cu->email);
	put(g, CT_HOME, cu->anon ? "www.nowhere.com" : "");
	put(g, CT_VAT, cu->vat);
	put(g, CT_SP, cu->sp);
	put(g, CT_LANG, cu->city->lang);
	put(g, CT_PRIVBLOCKED, "No");
	putdate(g, CT_LDM, cu->ldm);
}

static void
row_cbr(struct gen *g, const struct table *t, uint64_t i)
{
	(void)t;
	putf(g, CB_CONTACT, "CT%07llu", (unsigned long long)i + 1);
	if (i >= g->ncust) {
		put(g, CB_CODE, "VEND");
		put(g, CB_LINK, "Vendor");
		putf(g, CB_NO, "V%05llu",
		    (unsigned long long)(i - g->ncust + 1));
	} else {
		put(g, CB_CODE, "CUST");
		put(g, CB_LINK, "Customer");
		putf(g, CB_NO, "C%07llu", (unsigned long long)i + 1);
	}
}

static void
row_shipto(struct gen *g, const struct table *t, uint64_t i)
{
	struct cust *cu = g->cu;
	struct rng r;
	const struct city *ci;
	uint64_t c = i * 5 < g->ncust ? i * 5 : i % g->ncust;

	(void)t;
	rng_at(&r, g, S_SHIPTO, i);
	cust_make(g, c, cu);
	ci = &cities[below(&r, NELEM(cities))];
	put(g, ST_CUST, cu->no);
	put(g, ST_CODE, i * 5 < g->ncust ? "HOME" : "SUMMER");
	put(g, ST_NAME, cu->name);
	put(g, ST_NAME2, per(&r, 100) ? "att. \"Lager\", port 2" : "");
	if (per(&r, 20))
		putf(g, ST_ADDR, "Gate 4\r\n%s %u",
		    streets[below(&r, NELEM(streets))], below(&r, 300) + 1);
	else
		putf(g, ST_ADDR, "%s %u", streets[below(&r, NELEM(streets))],
		    below(&r, 300) + 1);
	put(g, ST_ADDR2, "");
	put(g, ST_CITY, ci->city);
	put(g, ST_POST, ci->post);
	put(g, ST_COUNTY, ci->county);
	put(g, ST_COUNTRY, ci->country);
	put(g, ST_CONTACT, cu->contact);
	put(g, ST_PHONE, cu->phone);
	put(g, ST_EMAIL, cu->email);
	put(g, ST_LOC, "MAIN");
	putdate(g, ST_LDM, cu->ldm);
}

/* The customer of ledger row i, the same for the row and for --sorted. */
static uint64_t
cle_cust(struct gen *g, const struct table *t, uint64_t i)
{
	struct rng r;

	rng_at(&r, g, S_PICK, i);
	return pick(g, &r, dayof(g, i, nrows(g, t)));
}

static void
row_cle(struct gen *g, const struct table *t, uint64_t i)
{
	struct cust *cu = g->cu;
	struct rng r;
	int d = dayof(g, i, nrows(g, t));
	uint32_t k;
	long cents;

	rng_at(&r, g, S_CLE, i);
	cust_make(g, cle_cust(g, t, i), cu);
	putf(g, CL_ENTRY, "%llu", (unsigned long long)i + 1);
	put(g, CL_CUST, cu->no);
	put(g, CL_CUSTNAME, cu->name);
	putdate(g, CL_DATE, d);
	k = below(&r, 100);
	cents = (long)below(&r, 2000000) + 100;
	if (k < 50) {
		put(g, CL_DOCTYPE, "Invoice");
		putf(g, CL_DOCNO, "PSI%08llu", (unsigned long long)i + 1);
		putdate(g, CL_DUE, d + 14);
		if (per(&r, 100))
			putf(g, CL_EXTDOC, "PO-%u", below(&r, 100000));
		if (per(&r, 20))
			putf(g, CL_DESC, "Order %u, %s", below(&r, 99999),
			    words[below(&r, NELEM(words))]);
		else if (per(&r, 10))
			putf(g, CL_DESC, "Invoice for %s", cu->email[0] != '\0' ?
			    cu->email : "walk-in");
		else
			putf(g, CL_DESC, "Invoice PSI%08llu",
			    (unsigned long long)i + 1);
	} else if (k < 90) {
		put(g, CL_DOCTYPE, "Payment");
		putf(g, CL_DOCNO, "PAY%08llu", (unsigned long long)i + 1);
		if (per(&r, 5))
			put(g, CL_DESC, "Card 4111 1111 1111 1111 (test)");
		else if (per(&r, 5))
			put(g, CL_DESC, "Transfer DK50 0040 0440 1162 43");
		else
			putf(g, CL_DESC, "Payment %s", cu->no);
		cents = -cents;
	} else if (k < 97) {
		put(g, CL_DOCTYPE, "Credit Memo");
		putf(g, CL_DOCNO, "PCM%08llu", (unsigned long long)i + 1);
		put(g, CL_DESC, "Return \"damaged\"");
		cents = -cents / 4;
	} else {
		put(g, CL_DOCTYPE, "Reminder");
		putf(g, CL_DOCNO, "RMD%08llu", (unsigned long long)i + 1);
		putf(g, CL_DESC, "Reminder to %s", cu->contact);
		cents = 1500;
	}
	if (i % 100003 == 11)
		put(g, CL_DESC, bigtext(g, &r, 1));
	else if (g->lake && i % 9 == 4)
		put(g, CL_DESC, "Scan folder \\\\srv\\scans\\");
	else if (g->lake && i % 9 == 7)
		put(g, CL_DESC, "Paid at the till,\r\nreceipt \"kept\"");
	putamount(g, CL_AMOUNT, cents);
	put(g, CL_CURRENCY, cu->city->currency);
	put(g, CL_SP, cu->sp);
	put(g, CL_OPEN, per(&r, g->today - d < 365 ? 25 : 3) ? "Yes" : "No");
}

/* The customer of item ledger row i, or -1 when its source is no customer. */
static long
ile_cust(struct gen *g, const struct table *t, uint64_t i)
{
	struct rng r;

	rng_at(&r, g, S_PICK, i + (1ULL << 48));
	if (below(&r, 100) >= 75)
		return -1;
	return (long)pick(g, &r, dayof(g, i, nrows(g, t)));
}

static void
row_ile(struct gen *g, const struct table *t, uint64_t i)
{
	struct rng r;
	long c = ile_cust(g, t, i);
	uint32_t k;

	rng_at(&r, g, S_ILE, i);
	putf(g, IL_ENTRY, "%llu", (unsigned long long)i + 1);
	putf(g, IL_ITEM, "%u", 1000 + below(&r, 9000));
	putdate(g, IL_DATE, dayof(g, i, nrows(g, t)));
	k = below(&r, 100);
	if (c >= 0) {
		put(g, IL_TYPE, "Sale");
		put(g, IL_SRCTYPE, "Customer");
		putf(g, IL_SRCNO, "C%07lu", (unsigned long)c + 1);
	} else if (k < 60) {
		put(g, IL_TYPE, "Purchase");
		put(g, IL_SRCTYPE, "Vendor");
		putf(g, IL_SRCNO, "V%05u", below(&r, 500) + 1);
	} else {
		put(g, IL_TYPE, "Positive Adjmt.");
		put(g, IL_SRCTYPE, "");
		put(g, IL_SRCNO, "");
	}
	putf(g, IL_DOCNO, "PSS%08llu", (unsigned long long)i + 1);
	putf(g, IL_QTY, "%s%u", c >= 0 ? "-" : "", below(&r, 20) + 1);
	put(g, IL_LOC, k % 3 == 0 ? " MAIN " : "MAIN");
}

/* billto: the customer that pays for cu's documents (cu itself, or g->bill). */
static struct cust *
billto(struct gen *g, struct cust *cu)
{
	if (cu->billto[0] == '\0' || strcmp(cu->billto, cu->no) == 0)
		return cu;
	cust_make(g, strtoull(cu->billto + 1, NULL, 10) - 1, g->bill);
	return g->bill;
}

static void
row_sh(struct gen *g, const struct table *t, uint64_t i)
{
	struct cust *cu = g->cu, *bill;
	struct rng r;
	uint64_t c;

	(void)t;
	rng_at(&r, g, S_SH, i);
	c = per(&r, 800) ? pick(g, &r, g->today) : below(&r,
	    (uint32_t)g->ncust);
	cust_make(g, c, cu);
	bill = billto(g, cu);
	put(g, SH_DOCTYPE, per(&r, 700) ? "Order" : per(&r, 500) ? "Quote" :
	    "Return Order");
	putf(g, SH_NO, "SO%07llu", (unsigned long long)i + 1);
	put(g, SH_SELLTO, cu->no);
	put(g, SH_BILLTO, bill->no);
	put(g, SH_SELLNAME, cu->name);
	putdate(g, SH_ORDERDATE, g->today - (int)below(&r, 60));
}

static void
row_gjl(struct gen *g, const struct table *t, uint64_t i)
{
	struct rng r;
	uint32_t k;

	(void)t;
	rng_at(&r, g, S_GJL, i);
	put(g, GJ_TEMPLATE, i % 3 == 0 ? "CASHRCPT" : "GENERAL");
	put(g, GJ_BATCH, "DEFAULT");
	putf(g, GJ_LINE, "%llu", (unsigned long long)(i + 1) * 10000);
	k = below(&r, 10);
	if (k < 5) {
		put(g, GJ_ACCTYPE, "Customer");
		putf(g, GJ_ACCNO, "C%07u", below(&r, (uint32_t)g->ncust) + 1);
	} else if (k < 9) {
		put(g, GJ_ACCTYPE, "G/L Account");
		put(g, GJ_ACCNO, "6110");
	} else {
		put(g, GJ_ACCTYPE, "Vendor");
		putf(g, GJ_ACCNO, "V%05u", below(&r, 500) + 1);
	}
	putdate(g, GJ_DATE, g->today - (int)below(&r, 10));
	putf(g, GJ_DOCNO, "G%06llu", (unsigned long long)i + 1);
	put(g, GJ_DESC, per(&r, 100) ? "Payment, thanks \360\237\231\217" :
	    "Payment");
	putamount(g, GJ_AMOUNT, -(long)below(&r, 100000));
	if (k < 5) {
		put(g, GJ_BALTYPE, "Bank Account");
		put(g, GJ_BALNO, "BANK-01");
	} else {
		put(g, GJ_BALTYPE, "G/L Account");
		put(g, GJ_BALNO, "GL-2910");
	}
}

static void
row_memb(struct gen *g, const struct table *t, uint64_t i)
{
	struct rng r;

	(void)t;
	rng_at(&r, g, S_MEMB, i);
	putf(g, MM_ENTRY, "%llu", (unsigned long long)i + 1);
	put(g, MM_CODE, per(&r, 300) ? "GOLD" : "BASIC");
	putf(g, MM_EXTNO, "MM-%08llu", (unsigned long long)i + 1);
	if (per(&r, 100))
		put(g, MM_CUST, "");
	else
		putf(g, MM_CUST, "C%07u", below(&r, (uint32_t)g->ncust) + 1);
	putdate(g, MM_ISSUED, g->start + (int)below(&r, SPAN));
	put(g, MM_BLOCKED, per(&r, 50) ? "Yes" : "No");
}

/* copyblock: the name and address block of cu into the given columns. */
static void
copyblock(struct gen *g, const struct cust *cu, int name, int name2,
    int addr, int addr2, int city, int contact, int post, int county,
    int country)
{
	put(g, name, cu->name);
	put(g, name2, cu->name2);
	put(g, addr, cu->addr);
	put(g, addr2, cu->addr2);
	put(g, city, cu->cityv);
	put(g, contact, cu->contact);
	put(g, post, cu->anon ? "" : cu->city->post);
	put(g, county, cu->anon ? "" : cu->city->county);
	put(g, country, cu->anon ? "" : cu->city->country);
}

static void
row_posted(struct gen *g, const struct table *t, uint64_t i)
{
	struct cust *cu = g->cu, *bill;
	struct rng r;
	int d = dayof(g, i, nrows(g, t));

	rng_at(&r, g, S_POSTED + t->stream * 16, i);
	cust_make(g, pick(g, &r, d), cu);
	bill = billto(g, cu);
	putf(g, PH_NO, "%s%08llu", t->docpfx, (unsigned long long)i + 1);
	put(g, PH_SELLTO, cu->no);
	copyblock(g, cu, PH_TNAME, PH_TNAME2, PH_TADDR, PH_TADDR2, PH_TCITY,
	    PH_TCONTACT, PH_TPOST, PH_TCOUNTY, PH_TCOUNTRY);
	put(g, PH_TPHONE, cu->phone);
	put(g, PH_TEMAIL, cu->email);
	putf(g, PH_TCONTACTNO, "CT%07llu", (unsigned long long)cu->c + 1);
	put(g, PH_SCODE, "");
	put(g, PH_SPHONE, cu->phone);
	copyblock(g, cu, PH_SNAME, PH_SNAME2, PH_SADDR, PH_SADDR2, PH_SCITY,
	    PH_SCONTACT, PH_SPOST, PH_SCOUNTY, PH_SCOUNTRY);
	put(g, PH_BILLTO, bill->no);
	copyblock(g, bill, PH_BNAME, PH_BNAME2, PH_BADDR, PH_BADDR2,
	    PH_BCITY, PH_BCONTACT, PH_BPOST, PH_BCOUNTY, PH_BCOUNTRY);
	putf(g, PH_BCONTACTNO, "CT%07llu", (unsigned long long)bill->c + 1);
	put(g, PH_VAT, bill->vat);
	putdate(g, PH_DATE, d);
	g->v[PH_DOCDATE] = g->v[PH_DATE];
	if (t->stream == 2)
		putf(g, PH_SPECIFIC, "PSI%08u", below(&r, (uint32_t)i + 1) + 1);
	else
		putf(g, PH_SPECIFIC, "%s%07llu", t->stream == 4 ? "SRO" : "SO",
		    (unsigned long long)i + 1);
	if (per(&r, 100))
		putf(g, PH_EXTDOC, "PO %u, %s", below(&r, 9999),
		    words[below(&r, NELEM(words))]);
	if (per(&r, 100))
		put(g, PH_YOURREF, cu->contact);
	putf(g, PH_POSTDESC, "%s %s", t->name, g->v[PH_NO].p);
	if (i % 50023 == 5)
		put(g, PH_WORKDESC, bigtext(g, &r, 1));
	else if (per(&r, 30))
		putf(g, PH_WORKDESC, "Ring at the back door.\r\n"
		    "Ask for %s, %s", cu->contact, cu->phone);
	put(g, PH_CURRENCY, bill->city->currency);
	putamount(g, PH_AMOUNT, (long)below(&r, 1000000));
}

static void
row_remind(struct gen *g, const struct table *t, uint64_t i)
{
	struct cust *cu = g->cu;
	struct rng r;
	int d = dayof(g, i, nrows(g, t));

	rng_at(&r, g, S_REMIND, i);
	cust_make(g, pick(g, &r, d), cu);
	putf(g, IR_NO, "IRM%07llu", (unsigned long long)i + 1);
	put(g, IR_CUST, cu->no);
	copyblock(g, cu, IR_NAME, IR_NAME2, IR_ADDR, IR_ADDR2, IR_CITY,
	    IR_CONTACT, IR_POST, IR_COUNTY, IR_COUNTRY);
	put(g, IR_VAT, cu->vat);
	putdate(g, IR_DATE, d);
	g->v[IR_DOCDATE] = g->v[IR_DATE];
	putdate(g, IR_DUE, d + 14);
	put(g, IR_CPG, cu->cpg);
	putf(g, IR_LEVEL, "%u", below(&r, 3) + 1);
	put(g, IR_CURRENCY, cu->city->currency);
	if (per(&r, 100))
		put(g, IR_YOURREF, cu->contact);
	putf(g, IR_POSTDESC, "Reminder %s", g->v[IR_NO].p);
}

static void
row_usersetup(struct gen *g, const struct table *t, uint64_t i)
{
	static const char *const users[] = { "BENCH", "CLERK", "AUDITOR" };
	static const char *const anon[] = { "Yes", "No", "" };

	(void)t;
	put(g, US_USER, users[i]);
	put(g, US_ANON, anon[i]);
}

static void
row_gdprsetup(struct gen *g, const struct table *t, uint64_t i)
{
	(void)t;
	(void)i;
	put(g, GS_PK, "");
	put(g, GS_AFTER, "3Y");
	put(g, GS_CPG, "DOMESTIC|EU|FOREIGN");
	put(g, GS_GBPG, "<>INTERCOMP");
}

static const struct table tables[] = {
	{ "Customer", cust_cols, row_customer, 1, 1, 0, 0, NULL, 0 },
	{ "Contact", contact_cols, row_contact, 21, 20, 0, 0, NULL, 0 },
	{ "Contact Business Relation", cbr_cols, row_cbr, 21, 20, 0, 0, NULL,
	    0 },
	{ "Ship-to Address", shipto_cols, row_shipto, 1, 5, 0, 0, NULL, 0 },
	{ "Cust. Ledger Entry", cle_cols, row_cle, 8, 1, 0, 0, NULL, 1 },
	{ "Item Ledger Entry", ile_cols, row_ile, 2, 1, 0, 0, NULL, 2 },
	{ "Sales Header", sh_cols, row_sh, 1, 50, 0, 0, NULL, 0 },
	{ "Gen. Journal Line", gjl_cols, row_gjl, 1, 200, 0, 0, NULL, 0 },
	{ "NPR MM Membership", memb_cols, row_memb, 1, 10, 0, 0, NULL, 0 },
	{ "Sales Invoice Header", invoice_cols, row_posted, 1, 1, 0, 1, "PSI",
	    0 },
	{ "Sales Cr.Memo Header", crmemo_cols, row_posted, 1, 10, 0, 2, "PCM",
	    0 },
	{ "Sales Shipment Header", shipment_cols, row_posted, 1, 2, 0, 3, "PSS",
	    0 },
	{ "Return Receipt Header", receipt_cols, row_posted, 1, 20, 0, 4,
	    "PRR", 0 },
	{ "Issued Reminder Header", remind_cols, row_remind, 1, 20, 0, 0, NULL,
	    0 },
	{ "User Setup", usersetup_cols, row_usersetup, 0, 1, 3, 0, NULL, 0 },
	{ "Customer GDPR Setup", gdprsetup_cols, row_gdprsetup, 0, 1, 1, 0,
	    NULL, 0 },
	{ "Service Header", svh_cols, NULL, 0, 1, 0, 0, NULL, 0 },
	{ "Purchase Header", ph_cols, NULL, 0, 1, 0, 0, NULL, 0 },
	{ "Reminder Header", openrem_cols, NULL, 0, 1, 0, 0, NULL, 0 },
	{ "Finance Charge Memo Header", openrem_cols, NULL, 0, 1, 0, 0, NULL,
	    0 },
	{ "Service Contract Header", contract_cols, NULL, 0, 1, 0, 0, NULL, 0 },
	{ "IC Outbox Sales Header", ic_cols, NULL, 0, 1, 0, 0, NULL, 0 },
	{ "IC Inbox Sales Header", ic_cols, NULL, 0, 1, 0, 0, NULL, 0 },
	{ "Bank Acc. Reconciliation Line", bankrec_cols, NULL, 0, 1, 0, 0, NULL,
	    0 },
	{ "Customer GDPR Log Entries", log_cols, NULL, 0, 1, 0, 0, NULL, 0 }
};

/*
 * sortorder: the row indices of t ordered by customer key as bytes
 * (empty, then customers, then vendors V00001 to V00999), rows of one key
 * in index order.  A counting sort over the keys; 8 bytes a row.
 */
static uint32_t *
sortorder(struct gen *g, const struct table *t, uint64_t n)
{
	uint32_t *key, *order;
	uint64_t *start, i, nk = g->ncust + 1000;
	long c;

	if (n > UINT32_MAX)
		diag_die(EXIT_USAGE, "too many rows to sort");
	key = xreallocarray(NULL, n, sizeof(*key));
	order = xreallocarray(NULL, n, sizeof(*order));
	start = xcalloc(nk + 1, sizeof(*start));
	for (i = 0; i < n; i++) {
		if (t->sortable == 1)
			c = (long)cle_cust(g, t, i);
		else {
			c = ile_cust(g, t, i);
			if (c < 0) {
				/* Re-derive the row's source: empty or vendor. */
				g->alen = 0;
				row_ile(g, t, i);
				c = g->v[IL_SRCNO].n == 0 ? -1 :
				    (long)g->ncust - 1 +
				    atol(g->v[IL_SRCNO].p + 1);
			}
		}
		key[i] = (uint32_t)(c + 1);
		start[key[i] + 1]++;
	}
	for (i = 1; i <= nk; i++)
		start[i] += start[i - 1];
	for (i = 0; i < n; i++)
		order[start[key[i]]++] = (uint32_t)i;
	free(start);
	free(key);
	return order;
}

/*
 * columns: the header of table t, from dir/NAME.csv when dir is given and
 * the file exists, else the built-in set; map[j] is the built-in index of
 * output column j, -1 for a column the generator does not know (written
 * empty).
 */
static size_t
columns(const struct table *t, const char *dir, char ***names, int *map)
{
	const struct csvr_row *hdr;
	struct csvr *r = NULL;
	char path[4096];
	size_t n, j, k;

	if (dir != NULL) {
		snprintf(path, sizeof(path), "%s/%s.csv", dir, t->name);
		r = csvr_open(path, ',');
	}
	if (r != NULL) {
		if (csvr_header(r, &hdr) == -1)
			csvr_die(r);
		n = hdr->nf;
		if (n > MAXCOLS)
			diag_die(EXIT_DATA, "%s: too many columns", path);
		*names = xreallocarray(NULL, n, sizeof(**names));
		for (j = 0; j < n; j++)
			(*names)[j] = xmemdup(hdr->f[j].p, hdr->f[j].n);
		csvr_close(r);
	} else {
		for (n = 0; t->cols[n] != NULL; n++)
			;
		*names = xreallocarray(NULL, n, sizeof(**names));
		for (j = 0; j < n; j++)
			(*names)[j] = xstrdup(t->cols[j]);
	}
	for (j = 0; j < n; j++) {
		map[j] = -1;
		for (k = 0; t->cols[k] != NULL; k++)
			if (strcmp((*names)[j], t->cols[k]) == 0)
				map[j] = (int)k;
	}
	return n;
}

static void
writetable(struct gen *g, const struct table *t, const char *out,
    const char *coldir, int sorted)
{
	char path[4096], **names;
	int map[MAXCOLS], fd;
	uint32_t *order = NULL;
	struct csvw *w;
	uint64_t i, n = t->row != NULL ? nrows(g, t) : 0;
	size_t nc, j;

	nc = columns(t, coldir, &names, map);
	snprintf(path, sizeof(path), "%s/%s.csv", out, t->name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	w = csvw_new(fd, ',', 1, 0, 0);
	for (j = 0; j < nc; j++)
		csvw_str(w, names[j]);
	csvw_endrow(w);
	if (sorted && t->sortable)
		order = sortorder(g, t, n);
	for (i = 0; i < n; i++) {
		g->alen = 0;
		memset(g->v, 0, sizeof(g->v));
		t->row(g, t, order != NULL ? order[i] : i);
		for (j = 0; j < nc; j++) {
			if (map[j] >= 0 && g->v[map[j]].p != NULL)
				csvw_field(w, g->v[map[j]].p, g->v[map[j]].n);
			else
				csvw_field(w, "", 0);
		}
		csvw_endrow(w);
	}
	csvw_finish(w, path);
	free(order);
	for (j = 0; j < nc; j++)
		free(names[j]);
	free(names);
}

/*
 * --lake: the companies as Microsoft's bc2adls extension writes them to
 * a data lake (lib/lake.h): OUT/data/ENTITY/part-0000N.csv for the
 * tables its consolidation has written (every company's rows; a table
 * without rows as its header alone), OUT/deltas/ENTITY/GUID.csv for
 * the others, two increments a company: every row, then the revised
 * rows (a text column and the modification stamp changed) and the
 * deleted ones (timestamp and systemId set, every other field empty,
 * $Company kept).  ENTITY is NAME-ID; a table's columns are the
 * built-in ones the field lists (--spec, --bc, --fields) know as stored
 * fields of a type bc2adls exports, in field-number order, then the
 * system fields and $Company, each value as the lake writes its type.
 * Company k is generated from seed + k.  CRLF line endings, as bc2adls
 * writes them.
 */

/* Company names: quotes, a backslash, non-ASCII letters. */
static const char *const lake_companies[] = {
	"Nordlys Retail A/S", "Caf\303\251 \"\303\230stergade\" ApS",
	"Smith\\Jones Trading Ltd."
};

/* The tables in data/; the others are increments in deltas/ alone. */
static const char *const lake_consolidated[] = {
	"Customer", "Cust. Ledger Entry", "Item Ledger Entry",
	"Sales Invoice Header", "Sales Cr.Memo Header",
	"Issued Reminder Header", "User Setup", "Customer GDPR Setup", NULL
};

/* The text column a revision changes: the first of these a table has. */
static const char *const lake_revised[] = {
	"Name", "Sell-to Customer Name", "Description", "Job Title", NULL
};

enum { LAKE_FULL, LAKE_REVISED, LAKE_DELETED };

struct lakecol {
	int		 src;		/* built-in column, -1: system field */
	long		 no;		/* field number */
	char		*name;		/* NAME-NO, or $Company */
	enum lake_kind	 kind;
};

struct lake {
	struct bcf	*b;
	const char	*out;
	size_t		 ncomp;
	uint64_t	 seed;		/* company k's is seed + k */
	size_t		 k;		/* the company being written */
	char		 company[128];	/* its name */
	uint64_t	*stamp;		/* each company's next timestamp */
	struct buf	 v;		/* a value as the lake writes it */
	struct lakecol	 c[MAXCOLS + 8];
	size_t		 nc;
	long		 revcol;	/* the column a revision changes, -1 */
	char		 entity[300];	/* NAME-ID */
};

static int
lake_by_no(const void *a, const void *b)
{
	const struct lakecol *x = a, *y = b;

	return x->no < y->no ? -1 : x->no > y->no;
}

static int
listed(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/* lake_plan: t's entity name and lake columns into lk. */
static void
lake_plan(struct lake *lk, const struct table *t)
{
	const struct lake_sysfield *sf;
	const struct bcf_field *f;
	struct bcf_table *bt;
	size_t j, n;
	char red[256];

	bt = bcf_table_name(lk->b, t->name);
	if (bt->no == 0)
		diag_die(EXIT_USAGE, "%s: no table number in --spec or "
		    "--fields DIR/tables.csv", t->name);
	bcf_fields(lk->b, bt);
	lake_reduce(red, t->name, strlen(t->name) < sizeof(red) ?
	    strlen(t->name) : sizeof(red) - 1);
	snprintf(lk->entity, sizeof(lk->entity), "%s-%ld", red, bt->no);
	for (j = 0; j < lk->nc; j++)
		free(lk->c[j].name);
	lk->nc = 0;
	for (j = 0; t->cols[j] != NULL; j++) {
		f = bcf_field_name(bt, t->cols[j]);
		if (f == NULL || (f->class[0] != '\0' &&
		    strcasecmp(f->class, "Normal") != 0) ||
		    lake_kind(f->type) == LAKE_UNSUPPORTED)
			continue;
		if (lake_kind(f->type) == LAKE_UNKNOWN)
			diag_die(EXIT_USAGE, "%s: field '%s' has no type in "
			    "the lists", t->name, f->name);
		n = strlen(f->name);
		lake_reduce(red, f->name, n < sizeof(red) ? n :
		    sizeof(red) - 1);
		lk->c[lk->nc].src = (int)j;
		lk->c[lk->nc].no = f->no;
		lk->c[lk->nc].kind = lake_kind(f->type);
		lk->c[lk->nc].name = xmalloc(strlen(red) + 16);
		sprintf(lk->c[lk->nc].name, "%s-%ld", red, f->no);
		lk->nc++;
	}
	qsort(lk->c, lk->nc, sizeof(lk->c[0]), lake_by_no);
	lk->revcol = -1;
	for (j = 0; lake_revised[j] != NULL && lk->revcol == -1; j++)
		for (n = 0; n < lk->nc; n++)
			if (strcmp(t->cols[lk->c[n].src], lake_revised[j]) == 0 &&
			    lk->c[n].kind == LAKE_TEXT)
				lk->revcol = (long)n;
	for (j = 0; (sf = lake_sysfield_at(j)) != NULL; j++) {
		lk->c[lk->nc].src = -1;
		lk->c[lk->nc].no = sf->no;
		lk->c[lk->nc].kind = lake_kind(sf->type);
		lk->c[lk->nc].name = xmalloc(strlen(sf->lake) + 16);
		sprintf(lk->c[lk->nc].name, "%s-%ld", sf->lake, sf->no);
		lk->nc++;
	}
	lk->c[lk->nc].src = -1;
	lk->c[lk->nc].no = -1;
	lk->c[lk->nc].kind = LAKE_TEXT;
	lk->c[lk->nc].name = xstrdup(LAKE_COMPANY);
	lk->nc++;
}

/* lake_guid: a GUID as BC formats one, {8-4-4-4-12}, from a, b and c. */
static void
lake_guid(char *buf, size_t size, uint64_t a, uint64_t b, uint64_t c,
    int braces)
{
	uint64_t x = mix64(a * 0x9e3779b97f4a7c15ULL + mix64(b + mix64(c)));
	uint64_t y = mix64(x ^ 0x5851f42d4c957f2dULL);

	snprintf(buf, size, "%s%08X-%04X-4%03X-%04X-%012llX%s",
	    braces ? "{" : "", (unsigned)(x >> 32),
	    (unsigned)(x >> 16) & 0xFFFF, (unsigned)x & 0xFFF,
	    0x8000 | ((unsigned)(y >> 48) & 0x3FFF),
	    (unsigned long long)(y & 0xFFFFFFFFFFFFULL), braces ? "}" : "");
}

/* lake_stamp: a date-time on day (with milliseconds) from hash h. */
static void
lake_stamp(char *buf, size_t size, int day, uint64_t h)
{
	unsigned m, d, s = (unsigned)(h % 86400), ms = (unsigned)(h >> 32) %
	    1000;
	int y;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", y, m, d,
	    s / 3600, s / 60 % 60, s % 60, ms);
}

/* lake_system: the value of system field no for row i of table ti. */
static void
lake_system(struct gen *g, struct lake *lk, long no, size_t ti,
    uint64_t i, int how, char *buf, size_t size)
{
	uint64_t h = mix64(lk->seed + lk->k + mix64(ti * 1000003ULL + i));
	int created = g->start + (int)(h % SPAN);

	buf[0] = '\0';
	if (no == 0)
		snprintf(buf, size, "%llu",
		    (unsigned long long)lk->stamp[lk->k]++);
	else if (no == 2000000000L)
		lake_guid(buf, size, lk->k + 1, ti, i, 1);
	else if (how == LAKE_DELETED)
		return;
	else if (no == 2000000001L)
		lake_stamp(buf, size, created, h);
	else if (no == 2000000003L)
		lake_stamp(buf, size, how == LAKE_REVISED ? g->today :
		    created + (int)(h % (uint64_t)(g->today - created + 1)),
		    mix64(h));
	else	/* SystemCreatedBy, SystemModifiedBy: one of 3 users */
		lake_guid(buf, size, lk->k + 1, 1000000,
		    (no == 2000000002L ? h : mix64(h)) % 3, 1);
}

/* lake_row: row i of table t (index ti) of the current company to w. */
static void
lake_row(struct gen *g, struct lake *lk, const struct table *t, size_t ti,
    uint64_t i, int how, struct lakew *w)
{
	const struct lakecol *c;
	const struct val *v;
	char sys[64];
	size_t j;

	g->alen = 0;
	memset(g->v, 0, sizeof(g->v));
	t->row(g, t, i);
	for (j = 0; j < lk->nc; j++) {
		c = &lk->c[j];
		if (c->no == -1) {
			lakew_field(w, lk->company, strlen(lk->company), 1);
			continue;
		}
		if (c->src == -1) {
			lake_system(g, lk, c->no, ti, i, how, sys, sizeof(sys));
			lakew_field(w, sys, strlen(sys), c->kind == LAKE_TEXT);
			continue;
		}
		v = &g->v[c->src];
		if (how == LAKE_DELETED)
			buf_reset(&lk->v);
		else if (c->kind == LAKE_BOOLEAN && v->n == 0)
			lake_value(c->kind, "No", 2, &lk->v);
		else if (lake_value(c->kind, v->p != NULL ? v->p : "", v->n,
		    &lk->v) == -1)
			diag_die(EXIT_DATA, "%s: a value of '%s' the lake "
			    "cannot hold", t->name, t->cols[c->src]);
		if (how == LAKE_REVISED && (long)j == lk->revcol)
			buf_adds(&lk->v, " (rev. 2)");
		lakew_field(w, lk->v.p, lk->v.n, c->kind == LAKE_TEXT);
	}
	lakew_endrow(w);
}

/* lake_open: a new lake file dir/name with lk's header. */
static struct lakew *
lake_open(struct lake *lk, const char *dir, const char *name)
{
	char path[4096];
	struct lakew *w;
	size_t j;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/%s", lk->out, dir, lk->entity);
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	snprintf(path, sizeof(path), "%s/%s/%s/%s", lk->out, dir, lk->entity,
	    name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
	w = lakew_new(fd, 1, 0);
	for (j = 0; j < lk->nc; j++)
		lakew_field(w, lk->c[j].name, strlen(lk->c[j].name), 0);
	lakew_endrow(w);
	return w;
}

/* lake_company: make company k the current one (its seed and name). */
static void
lake_company(struct gen *g, struct lake *lk, size_t k)
{
	size_t nn = NELEM(lake_companies);

	lk->k = k;
	g->seed = lk->seed + k;
	if (k < nn)
		snprintf(lk->company, sizeof(lk->company), "%s",
		    lake_companies[k]);
	else
		snprintf(lk->company, sizeof(lk->company), "%s %zu",
		    lake_companies[k % nn], k / nn + 1);
}

/* lake_table: table t (index ti) of every company. */
static void
lake_table(struct gen *g, struct lake *lk, const struct table *t, size_t ti,
    int sorted)
{
	struct lakew *part[2] = { NULL, NULL }, *w;
	uint32_t *order = NULL;
	uint64_t i, n;
	size_t k;
	char name[64];

	lake_plan(lk, t);
	if (listed(lake_consolidated, t->name) || t->row == NULL)
		part[0] = lake_open(lk, "data", "part-00000.csv");
	for (k = 0; k < lk->ncomp; k++) {
		lake_company(g, lk, k);
		n = t->row != NULL ? nrows(g, t) : 0;
		if (sorted && t->sortable && n > 0)
			order = sortorder(g, t, n);
		if (part[0] != NULL) {
			for (i = 0; i < n; i++) {
				if (i >= (n + 1) / 2 && part[1] == NULL)
					part[1] = lake_open(lk, "data",
					    "part-00001.csv");
				lake_row(g, lk, t, ti, order != NULL ?
				    order[i] : i, LAKE_FULL,
				    part[i < (n + 1) / 2 ? 0 : 1]);
			}
		} else if (n > 0) {
			lake_guid(name, sizeof(name), k + 1, 2000 + ti, 1, 0);
			strcat(name, ".csv");
			w = lake_open(lk, "deltas", name);
			for (i = 0; i < n; i++)
				lake_row(g, lk, t, ti, order != NULL ?
				    order[i] : i, LAKE_FULL, w);
			lakew_finish(w, name);
			lake_guid(name, sizeof(name), k + 1, 2000 + ti, 2, 0);
			strcat(name, ".csv");
			w = NULL;
			for (i = 0; i < n; i++) {
				if (i % 7 != 3 && i % 5 != 1)
					continue;
				if (w == NULL)
					w = lake_open(lk, "deltas", name);
				lake_row(g, lk, t, ti, i, i % 7 == 3 ?
				    LAKE_DELETED : LAKE_REVISED, w);
			}
			if (w != NULL)
				lakew_finish(w, name);
		}
		free(order);
		order = NULL;
	}
	if (part[0] != NULL)
		lakew_finish(part[0], "part-00000.csv");
	if (part[1] != NULL)
		lakew_finish(part[1], "part-00001.csv");
}

static void
lake_mkdir(const char *out, const char *sub)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", out, sub);
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		diag_die(EXIT_DATA, "%s: %s", path, strerror(errno));
}

static void
usage(void)
{
	printf("usage: gencompany [--customers N] [--seed S] [--now DATE] "
	    "[--sorted]\n"
	    "           [--columns-from DIR] [--table NAME]... --out DIR\n"
	    "       gencompany --lake [--companies N] [--spec TABLES] "
	    "[--bc DIR] [--fields DIR]\n"
	    "           [--customers N] [--seed S] [--now DATE] [--sorted] "
	    "[--table NAME]...\n"
	    "           --out DIR\n");
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "bc",			required_argument,	NULL, 'B' },
		{ "columns-from",	required_argument,	NULL, 'c' },
		{ "companies",		required_argument,	NULL, 'C' },
		{ "customers",		required_argument,	NULL, 'n' },
		{ "fields",		required_argument,	NULL, 'F' },
		{ "help",		no_argument,		NULL, 'h' },
		{ "lake",		no_argument,		NULL, 'L' },
		{ "now",		required_argument,	NULL, 'N' },
		{ "out",		required_argument,	NULL, 'o' },
		{ "scale",		required_argument,	NULL, 'n' },
		{ "seed",		required_argument,	NULL, 's' },
		{ "sorted",		no_argument,		NULL, 'S' },
		{ "spec",		required_argument,	NULL, 'P' },
		{ "table",		required_argument,	NULL, 't' },
		{ NULL,			0,			NULL, 0 }
	};
	static struct gen g;
	static struct lake lk;
	const char *out = NULL, *coldir = NULL, *now = "2026-11-29";
	const char *spec = NULL, *bcdir = NULL, *fields = NULL;
	long ncomp = 0;
	const char **only = NULL;
	size_t nonly = 0, i, k;
	int ch, sorted = 0, y;
	unsigned m, d;
	char tail;

	setlocale(LC_ALL, "");
	diag_init(argv[0]);
	g.seed = 1;
	g.ncust = 1000000;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'B':
			bcdir = optarg;
			break;
		case 'c':
			coldir = optarg;
			break;
		case 'C':
			ncomp = opts_long("--companies", optarg, 1, 10000);
			break;
		case 'F':
			fields = optarg;
			break;
		case 'L':
			g.lake = 1;
			break;
		case 'P':
			spec = optarg;
			break;
		case 'h':
			usage();
			return 0;
		case 'n':
			g.ncust = (uint64_t)opts_long("--customers", optarg, 1,
			    100000000);
			break;
		case 'N':
			now = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 's':
			g.seed = (uint64_t)opts_long("--seed", optarg, 0,
			    2147483647);
			break;
		case 'S':
			sorted = 1;
			break;
		case 't':
			only = xreallocarray(only, nonly + 1, sizeof(*only));
			only[nonly++] = optarg;
			break;
		default:
			diag_usage("bad option");
		}
	}
	if (argc != optind)
		diag_usage("too many arguments");
	if (out == NULL)
		diag_usage("--out DIR is required");
	if (!g.lake && (ncomp != 0 || spec != NULL || bcdir != NULL ||
	    fields != NULL))
		diag_usage("--companies, --spec, --bc and --fields go with "
		    "--lake");
	if (g.lake && coldir != NULL)
		diag_usage("--columns-from does not go with --lake");
	if (sscanf(now, "%4d-%2u-%2u%c", &y, &m, &d, &tail) < 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31 || y < 1900)
		diag_usage("--now takes a date YYYY-MM-DD");
	for (k = 0; k < nonly; k++) {
		for (i = 0; i < NELEM(tables); i++)
			if (strcmp(only[k], tables[i].name) == 0)
				break;
		if (i == NELEM(tables))
			diag_usage("no table '%s'", only[k]);
	}
	g.today = days_from_civil(y, m, d);
	g.start = g.today - SPAN;
	g.cutoff = days_from_civil(y - 3, m, d > 28 ? 28 : d);
	g.arena = xmalloc(ARENA);
	g.cu = xmalloc(sizeof(*g.cu));
	g.bill = xmalloc(sizeof(*g.bill));
	if (mkdir(out, 0755) == -1 && errno != EEXIST)
		diag_die(EXIT_DATA, "%s: %s", out, strerror(errno));
	if (g.lake) {
		lk.b = bcf_open(spec, bcdir, fields);
		lk.out = out;
		lk.ncomp = ncomp > 0 ? (size_t)ncomp : 1;
		lk.seed = g.seed;
		lk.stamp = xcalloc(lk.ncomp, sizeof(*lk.stamp));
		for (k = 0; k < lk.ncomp; k++)
			lk.stamp[k] = (uint64_t)(k + 1) * 1000000000000ULL;
		lake_mkdir(out, "data");
		lake_mkdir(out, "deltas");
	}
	for (i = 0; i < NELEM(tables); i++) {
		for (k = 0; k < nonly; k++)
			if (strcmp(only[k], tables[i].name) == 0)
				break;
		if (nonly != 0 && k == nonly)
			continue;
		if (g.lake)
			lake_table(&g, &lk, &tables[i], i, sorted);
		else
			writetable(&g, &tables[i], out, coldir, sorted);
	}
	if (g.lake) {
		for (k = 0; k < lk.nc; k++)
			free(lk.c[k].name);
		free(lk.stamp);
		buf_free(&lk.v);
		bcf_close(lk.b);
	}
	free(g.arena);
	free(g.cu);
	free(g.bill);
	free(only);
	return 0;
}
