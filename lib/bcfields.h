/*
 * bcfields: what names a Business Central table and its fields by
 * number, as a data-lake export (bc2adls, lake.h) does: the table
 * numbers of the job spec (its tables.csv, columns table and no), the
 * field lists shipped with the project (pipelines/bc/fields/TABLE.csv
 * and TABLE.tableext.csv: no, name, type, class, ...), and a user's
 * own folder for what an extension adds (DIR/tables.csv with the
 * columns no and name, for tables the spec does not number; DIR/TABLE.csv
 * with at least no and name, and type when known, for the fields of a
 * table; a '/' in a table's name is written '-' in its file name).
 *
 * Every declaration must agree with the others: a table number named
 * twice, a table with two numbers, a field number with two names, two
 * fields of one name, a field whose type the user's list gives
 * otherwise than Business Central's, is a configuration error.  Each
 * flaw is reported as "prog: FILE:LINE: message" and, once a file set
 * is read, the program exits 2.
 */
#ifndef BCFIELDS_H
#define BCFIELDS_H

#include <stddef.h>

struct bcf_field {
	long	 no;
	char	*name;
	char	*type;		/* "" when no list gives it */
	char	*class;		/* Normal, FlowField, FlowFilter; "" unknown */
};

struct bcf_table {
	char		 *name;
	long		  no;		/* 0 when no list numbers it */
	struct bcf_field *f;		/* its fields, once bcf_fields loaded them */
	size_t		  nf;
	int		  loaded;	/* bcf_fields ran */
	int		  listed;	/* some list has its fields */
};

struct bcf;

/*
 * bcf_open: the table numbers of spec (a job spec's tables.csv, or NULL)
 * and of userdir's tables.csv (userdir NULL, or a folder without the
 * file: none), and where the field lists are: bcdir (the shipped lists,
 * or NULL) and userdir.  A file that cannot be read or holds a flaw
 * exits 2 after its every flaw is reported.
 */
struct bcf		*bcf_open(const char *spec, const char *bcdir,
			    const char *userdir);

/* bcf_table_no: the table numbered no, or NULL. */
struct bcf_table	*bcf_table_no(struct bcf *b, long no);

/*
 * bcf_table_name: the table named name, added (without a number) when
 * no list names it.
 */
struct bcf_table	*bcf_table_name(struct bcf *b, const char *name);

/*
 * bcf_fields: load t's fields from the shipped list, its tableext list
 * and the user's, once; exits 2 on a flaw.  Returns t->listed.
 */
int			 bcf_fields(struct bcf *b, struct bcf_table *t);

/* bcf_field: t's field numbered no, or NULL (after bcf_fields). */
const struct bcf_field	*bcf_field(const struct bcf_table *t, long no);

/* bcf_field_name: t's field named name, or NULL (after bcf_fields). */
const struct bcf_field	*bcf_field_name(const struct bcf_table *t,
			    const char *name);

void			 bcf_close(struct bcf *b);

#endif
